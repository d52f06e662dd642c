package org.fedimpute.jobs.lifecycle;

import java.util.List;
import java.util.UUID;

/**
 * A submission that passed every check, ready to be stored and queued.
 *
 * @param batchId the batch the job belongs to, or null
 * @param retryOf the failed job of the batch this one runs again, or null
 * @param inputsValidated whether every input file was found valid at submission; a job whose files were uploaded with
 *     it stays PENDING until file-manager has validated them
 */
public record NewJob(
        UUID userId,
        String name,
        String description,
        UUID serviceId,
        String serviceSlug,
        String serviceKind,
        String referencePanel,
        String build,
        String population,
        String phasing,
        String r2Filter,
        String mode,
        List<UUID> inputFileIds,
        long inputBytes,
        UUID batchId,
        UUID retryOf,
        boolean inputsValidated) {

    public NewJob {
        inputFileIds = List.copyOf(inputFileIds);
    }
}
