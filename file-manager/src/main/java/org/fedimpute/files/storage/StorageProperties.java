package org.fedimpute.files.storage;

import java.net.URI;
import java.nio.file.Path;
import java.util.Base64;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where file contents are stored ({@code fedimpute.files.storage.*}); the defaults store them unencrypted under
 * {@code ./.platform/files}, which is what {@code ./platform up} wants.
 *
 * @param backend {@code local} (the default) or {@code s3}
 * @param local the local filesystem backend
 * @param s3 the S3-compatible backend
 * @param encryption encryption at rest, over either backend
 */
@ConfigurationProperties("fedimpute.files.storage")
record StorageProperties(
        @DefaultValue("local") Backend backend,
        @DefaultValue Local local,
        @DefaultValue S3 s3,
        @DefaultValue Encryption encryption) {

    enum Backend {
        LOCAL,
        S3
    }

    /**
     * @param root the directory that holds the files (created on the first write)
     * @param fsync whether a write returns only once its content is on stable storage
     */
    record Local(
            @DefaultValue("./.platform/files") Path root,
            @DefaultValue("true") boolean fsync) {}

    /**
     * @param endpoint the server's URL for MinIO and other S3-compatible stores; none for AWS S3 itself
     * @param region the region (S3-compatible servers mostly accept any)
     * @param bucket the bucket, which must exist
     * @param accessKey the access key; none to use the SDK's default credential chain (environment, instance role)
     * @param secretKey the secret key that goes with the access key
     * @param pathStyleAccess {@code http://host/bucket/key} instead of {@code http://bucket.host/key}, which MinIO and
     *     most S3-compatible servers need
     * @param partSize the size of a multipart upload's parts (5 MB to 512 MB): a write holds two parts in memory, and an
     *     object has at most 10,000 parts
     */
    record S3(
            URI endpoint,
            @DefaultValue("us-east-1") String region,
            @DefaultValue("fedimpute-files") String bucket,
            String accessKey,
            String secretKey,
            @DefaultValue("true") boolean pathStyleAccess,
            @DefaultValue("16MB") DataSize partSize) {

        S3 {
            if (partSize.toBytes() < DataSize.ofMegabytes(5).toBytes()
                    || partSize.toBytes() > DataSize.ofMegabytes(512).toBytes()) {
                throw new IllegalArgumentException(
                        "fedimpute.files.storage.s3.part-size must be between 5MB and 512MB, not " + partSize);
            }
        }

        int partBytes() {
            return (int) partSize.toBytes();
        }

        @Override
        public String toString() {
            return "S3[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + ", pathStyleAccess="
                    + pathStyleAccess + ", partSize=" + partSize + ", credentials="
                    + (accessKey == null || accessKey.isBlank() ? "default chain" : "configured") + "]";
        }
    }

    /**
     * @param enabled whether content is encrypted at rest (AES-256-GCM)
     * @param key 32 random bytes in Base64 ({@code openssl rand -base64 32}); required when enabled, and needed for
     *     as long as files written with it are kept
     */
    record Encryption(boolean enabled, String key) {

        private static final String KEY_SETTING = "fedimpute.files.storage.encryption.key";

        Encryption {
            if (enabled) {
                decode(key);
            }
        }

        byte[] keyBytes() {
            return decode(key);
        }

        private static byte[] decode(String key) {
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException(KEY_SETTING
                        + " is not set, but encryption is enabled: give 32 random bytes in Base64"
                        + " (FEDIMPUTE_FILES_STORAGE_ENCRYPTION_KEY)");
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(key.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(KEY_SETTING + " is not valid Base64");
            }
            if (bytes.length != 32) {
                throw new IllegalArgumentException(
                        KEY_SETTING + " must be 32 bytes (AES-256) in Base64, not " + bytes.length + " bytes");
            }
            return bytes;
        }

        @Override
        public String toString() {
            return "Encryption[enabled=" + enabled + ", key=" + (key == null ? "none" : "(secret)") + "]";
        }
    }
}
