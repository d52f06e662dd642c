package org.fedimpute.files.storage;

import java.security.SecureRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** Encryption at rest over the S3 backend, against a real S3-compatible server ({@link S3TestServer}). */
class EncryptedS3FileStorageTests extends FileStorageContract {

    private static S3TestServer server;
    private FileStorage storage;

    @BeforeAll
    static void startServer() {
        server = S3TestServer.get();
    }

    @BeforeEach
    void createStorage() {
        byte[] encryptionKey = new byte[32];
        new SecureRandom().nextBytes(encryptionKey);
        storage = new EncryptedFileStorage(
                new S3FileStorage(server.client(), S3TestServer.BUCKET, 5 << 20), encryptionKey);
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
}
