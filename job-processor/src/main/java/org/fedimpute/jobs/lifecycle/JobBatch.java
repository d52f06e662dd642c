package org.fedimpute.jobs.lifecycle;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A batch of jobs, one per input file, with its progress: {@code finished} of {@code total} have ended. A failed job
 * that was retried is replaced in the batch by its retry (it stays in its own history).
 */
public record JobBatch(UUID batchId, int total, int finished, Map<JobStatus, Long> byStatus, List<JobView> jobs) {

    static JobBatch of(UUID batchId, List<ImputationJob> all) {
        Set<UUID> retried = all.stream()
                .map(ImputationJob::retryOf)
                .filter(Objects::nonNull)
                .collect(Collectors.toSet());
        List<ImputationJob> current =
                all.stream().filter(job -> !retried.contains(job.id())).toList();
        Map<JobStatus, Long> byStatus = new EnumMap<>(JobStatus.class);
        current.forEach(job -> byStatus.merge(job.status(), 1L, Long::sum));
        int finished =
                (int) current.stream().filter(job -> job.status().terminal()).count();
        return new JobBatch(
                batchId,
                current.size(),
                finished,
                byStatus,
                current.stream().map(job -> JobView.of(job, null)).toList());
    }
}
