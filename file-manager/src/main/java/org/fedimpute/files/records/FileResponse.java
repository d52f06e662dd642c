package org.fedimpute.files.records;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.UUID;

/**
 * A stored file as its owner sees it.
 *
 * @param validationReport the validator's report (JSON), once validation has run
 */
public record FileResponse(
        UUID id,
        UUID ownerId,
        UUID jobId,
        FileKind kind,
        String fileName,
        long sizeBytes,
        String sha256,
        String md5,
        String contentType,
        ValidationStatus validationStatus,
        @JsonRawValue String validationReport,
        String service,
        String declaredBuild,
        Instant createdAt,
        Instant expiresAt) {

    static FileResponse of(StoredFile file) {
        return new FileResponse(
                file.id(),
                file.ownerId(),
                file.jobId(),
                file.kind(),
                file.fileName(),
                file.sizeBytes(),
                file.sha256(),
                file.md5(),
                file.contentType(),
                file.validationStatus(),
                file.validationReport(),
                file.service(),
                file.declaredBuild(),
                file.createdAt(),
                file.expiresAt());
    }
}
