package org.fedimpute.files.records;

import java.time.Duration;
import java.util.UUID;

/**
 * A file about to be received: everything its record holds before the content arrives.
 *
 * @param fileName the sanitised display name
 * @param genotypeData whether the content is genotype data a user uploaded as input, which validation must look at
 * @param service the slug of the imputation service the file is meant for, if its owner named one
 * @param uploadId the tus upload the content comes from, for a resumable upload
 * @param lifetime how long retention keeps the file
 */
public record NewFile(
        UUID ownerId,
        UUID jobId,
        FileKind kind,
        String fileName,
        String contentType,
        boolean genotypeData,
        String service,
        String declaredBuild,
        String uploadId,
        Duration lifetime) {}
