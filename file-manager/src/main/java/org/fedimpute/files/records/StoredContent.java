package org.fedimpute.files.records;

import java.time.Instant;
import java.util.UUID;

/** What serving a stored file's content needs: where it lies, how large it is, and what to call it. */
public record StoredContent(
        UUID id,
        UUID ownerId,
        String fileName,
        String contentType,
        String storageKey,
        long sizeBytes,
        String sha256,
        String md5,
        Instant storedAt) {

    static StoredContent of(StoredFile file) {
        return new StoredContent(
                file.id(),
                file.ownerId(),
                file.fileName(),
                file.contentType(),
                file.storageKey(),
                file.sizeBytes(),
                file.sha256(),
                file.md5(),
                file.storedAt());
    }
}
