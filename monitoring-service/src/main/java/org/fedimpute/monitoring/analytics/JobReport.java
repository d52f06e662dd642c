package org.fedimpute.monitoring.analytics;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The job analytics for one filter: every section the dashboards draw, each also exportable as CSV.
 *
 * @param from the start of the range (inclusive); jobs count by their submission time
 * @param to the end of the range (exclusive)
 * @param serviceId only this imputation service's jobs, or {@code null}
 * @param userId only this user's jobs, or {@code null}
 * @param bucket the timeline's bucket width
 */
record JobReport(
        Instant from,
        Instant to,
        UUID serviceId,
        UUID userId,
        Bucket bucket,
        OutcomeStats overall,
        List<TimelineBucket> timeline,
        Funnel funnel,
        List<OutcomeStats> byService,
        List<OutcomeStats> byPanel,
        List<OutcomeStats> byInputSize,
        List<FailureReason> failureReasons,
        List<HourLoad> busiestHours,
        List<UserUsage> users) {

    /** The timeline's bucket width. */
    enum Bucket {
        HOUR,
        DAY
    }

    /**
     * How many jobs entered each status within one bucket (by the time of that transition).
     *
     * @param start the bucket's first instant (UTC)
     */
    record TimelineBucket(
            Instant start, long submitted, long queued, long running, long completed, long failed, long cancelled) {}

    /**
     * Outcomes and execution times of a group of jobs (a service, a panel, an input-size bucket, or all). Execution
     * time is from the first start to completion, of completed jobs only.
     *
     * @param key what the group is keyed by: a service id, a panel, a size bucket's upper bound in bytes
     * @param label how it reads: a service's slug, a panel's name, a size range
     * @param successRate completed / (completed + failed); {@code null} before any job of the group ended so
     */
    record OutcomeStats(
            String key,
            String label,
            long jobs,
            long completed,
            long failed,
            long cancelled,
            Double successRate,
            Double meanSeconds,
            Double medianSeconds,
            Double p95Seconds) {}

    /** How many of the range's jobs reached each stage (a later stage implies the earlier ones). */
    record Funnel(long submitted, long queued, long running, long completed) {}

    /** A reason jobs failed with, and how many did. */
    record FailureReason(String reason, long jobs) {}

    /** How many jobs were submitted in one hour of the day (UTC, 0-23). */
    record HourLoad(int hourOfDay, long jobs) {}

    /**
     * What one user asked of the platform.
     *
     * @param inputBytes the size of their jobs' inputs
     * @param executionSeconds the execution time of their completed jobs
     */
    record UserUsage(
            UUID userId,
            long jobs,
            long completed,
            long failed,
            long cancelled,
            long inputBytes,
            double executionSeconds) {}
}
