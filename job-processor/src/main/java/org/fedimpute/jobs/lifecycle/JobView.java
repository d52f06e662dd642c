package org.fedimpute.jobs.lifecycle;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A job as its owner (or an admin) sees it. {@code resultPassword} is present only in the owner's view of a completed
 * job, and {@link #toString()} never shows it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobView(
        UUID id,
        UUID userId,
        UUID batchId,
        UUID retryOf,
        String name,
        String description,
        UUID serviceId,
        String service,
        String referencePanel,
        String build,
        String population,
        String phasing,
        String r2Filter,
        String mode,
        List<UUID> inputFileIds,
        JobStatus status,
        String remoteJobId,
        String remoteState,
        Integer queuePosition,
        String step,
        String message,
        String failureReason,
        List<UUID> resultFileIds,
        boolean cancelRequested,
        Instant submittedAt,
        Instant startedAt,
        Instant finishedAt,
        String resultPassword) {

    static JobView of(ImputationJob job, String resultPassword) {
        return new JobView(
                job.id(),
                job.userId(),
                job.batchId(),
                job.retryOf(),
                job.name(),
                job.description(),
                job.serviceId(),
                job.serviceSlug(),
                job.referencePanel(),
                job.build(),
                job.population(),
                job.phasing(),
                job.r2Filter(),
                job.mode(),
                job.inputFileIds(),
                job.status(),
                job.remoteJobId(),
                job.remoteState(),
                job.queuePosition(),
                job.step(),
                job.message(),
                job.failureReason(),
                job.resultFileIds(),
                job.cancelRequestedAt() != null,
                job.submittedAt(),
                job.startedAt(),
                job.finishedAt(),
                resultPassword);
    }

    @Override
    public String toString() {
        return "JobView[" + id + " " + status + "]";
    }
}
