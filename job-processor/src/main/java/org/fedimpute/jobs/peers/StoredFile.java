package org.fedimpute.jobs.peers;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A file as file-manager describes it.
 *
 * @param kind {@code INPUT}, {@code RESULT} or {@code TEMP}
 * @param validationStatus {@code NOT_APPLICABLE}, {@code PENDING}, {@code VALID} or {@code INVALID}
 * @param validationReport the validator's findings, as file-manager gives them
 */
public record StoredFile(
        UUID id,
        UUID ownerId,
        UUID jobId,
        String kind,
        String fileName,
        long sizeBytes,
        String sha256,
        String md5,
        String contentType,
        String validationStatus,
        Map<String, Object> validationReport,
        String service,
        String declaredBuild,
        Instant createdAt,
        Instant expiresAt) {}
