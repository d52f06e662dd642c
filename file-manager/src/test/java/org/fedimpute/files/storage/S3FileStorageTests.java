package org.fedimpute.files.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * The S3 backend against a real S3-compatible server ({@link S3TestServer}), with 5 MiB parts so that the larger
 * contents of the contract go through multipart uploads of many parts, and failed ones must be aborted.
 */
class S3FileStorageTests extends FileStorageContract {

    private static final DataSize PART_SIZE = DataSize.ofMegabytes(5);

    private static S3TestServer server;
    private FileStorage storage;

    @BeforeAll
    static void startServer() {
        server = S3TestServer.get();
    }

    @BeforeEach
    void createStorage() {
        storage = new S3FileStorage(server.client(), S3TestServer.BUCKET, (int) PART_SIZE.toBytes());
    }

    @Override
    FileStorage storage() {
        return storage;
    }

    @Override
    void assertNothingStoredFor(String key) {
        server.assertNothingStoredFor(key);
    }

    @Override
    String losesExistingContentOnFailedUploadBecause() {
        return S3TestServer.ABORT_DELETES_OBJECT;
    }

    @Test
    void storesContentLongerThanOnePartAsAMultipartUpload() throws IOException {
        long size = 2 * PART_SIZE.toBytes() + 1;

        storage.write(key, GeneratedContent.stream(seed, size));

        String eTag = server.client()
                .headObject(b -> b.bucket(S3TestServer.BUCKET).key(key))
                .eTag();
        assertThat(eTag).as("the ETag of an object made of 3 parts").endsWith("-3\"");
        assertThat(readAll(key, PART_SIZE.toBytes() - 3, 6))
                .isEqualTo(GeneratedContent.bytes(seed, PART_SIZE.toBytes() - 3, 6));
    }
}
