package org.fedimpute.files.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * File contents in an S3-compatible object store (AWS S3, MinIO, Ceph RGW, …), for deployments where file-manager runs
 * in several replicas or the disk is not to be trusted. The bucket must exist; each key is one object of that name.
 *
 * <p>A write reads the content in parts of a fixed size: content shorter than one part is a single PUT, anything
 * longer a multipart upload with one part uploading while the next is read, so memory stays at two parts whatever the
 * size (S3 allows 10,000 parts: 16 MiB parts reach 156 GiB). When the content stream or the store fails midway, the
 * multipart upload is aborted, so neither an object nor stored parts are left. Reads are ranged GETs.
 */
final class S3FileStorage implements FileStorage {

    /** S3's limit on the number of parts of one multipart upload. */
    private static final int MAX_PARTS = 10_000;

    private final S3Client s3;
    private final String bucket;
    private final int partSize;

    S3FileStorage(S3Client s3, String bucket, int partSize) {
        this.s3 = s3;
        this.bucket = bucket;
        this.partSize = partSize;
    }

    /**
     * A client for the configured store: path-style access and an endpoint override for MinIO and other S3-compatible
     * servers; the configured access key, or the SDK's default credential chain (environment, profile, instance role)
     * when none is set.
     */
    static S3Client client(StorageProperties.S3 settings) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(ApacheHttpClient.builder())
                .region(Region.of(settings.region()))
                .forcePathStyle(settings.pathStyleAccess())
                .credentialsProvider(credentials(settings));
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(StorageProperties.S3 settings) {
        if (settings.accessKey() == null || settings.accessKey().isBlank()) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey(), settings.secretKey()));
    }

    @Override
    public long write(String key, InputStream content) throws IOException {
        StorageKey.require(key);
        byte[] first = new byte[partSize];
        int length = content.readNBytes(first, 0, partSize);
        if (length < partSize) {
            call("upload", key, () -> s3.putObject(b -> b.bucket(bucket).key(key), body(first, length)));
            return length;
        }
        return uploadInParts(key, first, content);
    }

    private long uploadInParts(String key, byte[] first, InputStream content) throws IOException {
        String uploadId = call(
                "upload",
                key,
                () -> s3.createMultipartUpload(
                                b -> b.bucket(bucket).key(key).checksumAlgorithm(ChecksumAlgorithm.CRC32))
                        .uploadId());
        List<CompletedPart> parts = new ArrayList<>();
        byte[][] buffers = {first, new byte[partSize]};
        Future<CompletedPart> uploading = null;
        try (ExecutorService uploader = Executors.newVirtualThreadPerTaskExecutor()) {
            try {
                int current = 0;
                int length = partSize;
                long total = 0;
                while (length > 0) {
                    if (uploading != null) {
                        parts.add(await(uploading));
                    }
                    int partNumber = parts.size() + 1;
                    if (partNumber > MAX_PARTS) {
                        throw new IOException("Content for " + key + " is larger than " + MAX_PARTS + " parts of "
                                + partSize + " bytes: raise fedimpute.files.storage.s3.part-size");
                    }
                    byte[] part = buffers[current];
                    int partLength = length;
                    uploading = uploader.submit(() -> uploadPart(key, uploadId, partNumber, part, partLength));
                    total += length;
                    current = 1 - current;
                    // The other buffer is free: the upload that used it was awaited above.
                    length = content.readNBytes(buffers[current], 0, partSize);
                }
                parts.add(await(uploading));
                call(
                        "upload",
                        key,
                        () -> s3.completeMultipartUpload(b ->
                                b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts))));
                return total;
            } catch (IOException | RuntimeException | Error e) {
                abort(key, uploadId, uploading, e);
                throw e;
            }
        }
    }

    private CompletedPart uploadPart(String key, String uploadId, int partNumber, byte[] part, int length) {
        UploadPartResponse response = s3.uploadPart(
                b -> b.bucket(bucket)
                        .key(key)
                        .uploadId(uploadId)
                        .partNumber(partNumber)
                        .checksumAlgorithm(ChecksumAlgorithm.CRC32),
                body(part, length));
        return CompletedPart.builder()
                .partNumber(partNumber)
                .eTag(response.eTag())
                .checksumCRC32(response.checksumCRC32())
                .build();
    }

    /** Waits for the part still uploading (so it cannot land after the abort), then aborts the upload. */
    private void abort(String key, String uploadId, Future<CompletedPart> uploading, Throwable failure) {
        if (uploading != null) {
            try {
                uploading.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                // Already failed; the upload is aborted below either way.
            }
        }
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        } catch (SdkException e) {
            failure.addSuppressed(e);
        }
    }

    private static CompletedPart await(Future<CompletedPart> upload) throws IOException {
        try {
            return upload.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while uploading a part");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SdkException sdk) {
                throw new IOException("S3 part upload failed: " + sdk.getMessage(), sdk);
            }
            throw new IOException("S3 part upload failed", e.getCause());
        }
    }

    /** A request body over the buffer itself: no copy, and the SDK can re-read it for signing and retries. */
    private static RequestBody body(byte[] buffer, int length) {
        return RequestBody.fromContentProvider(
                ContentStreamProvider.fromInputStreamSupplier(() -> new ByteArrayInputStream(buffer, 0, length)),
                length,
                "application/octet-stream");
    }

    @Override
    public InputStream read(String key, long offset, long length) throws IOException {
        StorageKey.require(key);
        StorageKey.requireRange(offset, length);
        if (length == 0) {
            size(key);
            return InputStream.nullInputStream();
        }
        boolean toTheEnd = length < 0 || length > Long.MAX_VALUE - offset;
        String range = "bytes=" + offset + "-" + (toTheEnd ? "" : String.valueOf(offset + length - 1));
        try {
            return s3.getObject(b -> b.bucket(bucket).key(key).range(range));
        } catch (S3Exception e) {
            if (e.statusCode() == 416) {
                return InputStream.nullInputStream(); // the range starts at or past the end
            }
            throw failure("read", key, e);
        } catch (SdkException e) {
            throw failure("read", key, e);
        }
    }

    @Override
    public long size(String key) throws IOException {
        StorageKey.require(key);
        return call("size", key, () -> s3.headObject(b -> b.bucket(bucket).key(key)))
                .contentLength();
    }

    @Override
    public boolean exists(String key) throws IOException {
        try {
            size(key);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    @Override
    public void delete(String key) throws IOException {
        StorageKey.require(key);
        call("delete", key, () -> s3.deleteObject(b -> b.bucket(bucket).key(key)));
    }

    private <T> T call(String operation, String key, Supplier<T> call) throws IOException {
        try {
            return call.get();
        } catch (SdkException e) {
            throw failure(operation, key, e);
        }
    }

    private IOException failure(String operation, String key, SdkException e) {
        if (e instanceof S3Exception s3e && s3e.statusCode() == 404 && !isMissingBucket(s3e)) {
            return new NoSuchFileException(key, null, "no object in bucket " + bucket);
        }
        return new IOException(
                "S3 " + operation + " of " + key + " in bucket " + bucket + " failed: " + e.getMessage(), e);
    }

    private static boolean isMissingBucket(S3Exception e) {
        return e.awsErrorDetails() != null
                && "NoSuchBucket".equals(e.awsErrorDetails().errorCode());
    }
}
