package org.fedimpute.jobs.lifecycle;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The lifecycle's business metrics for operators' dashboards and alerts: transitions and durations counted once their
 * transaction commits, and the jobs in flight and the dispatch backlog read from the database on a fixed delay, so that
 * a scrape never waits for the database.
 */
@Component
class JobMeters {

    private final MeterRegistry meters;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Map<JobStatus, AtomicLong> active = new EnumMap<>(JobStatus.class);
    private final AtomicLong dispatchDue = new AtomicLong();

    JobMeters(MeterRegistry meters, JdbcClient jdbc, Clock clock) {
        this.meters = meters;
        this.jdbc = jdbc;
        this.clock = clock;
        for (JobStatus status : JobStatus.values()) {
            if (!status.terminal()) {
                AtomicLong count = new AtomicLong();
                active.put(status, count);
                Gauge.builder("fedimpute.jobs.active", count, AtomicLong::get)
                        .description("Jobs not yet ended, by status, over every instance")
                        .tag("status", status.name())
                        .register(meters);
            }
        }
        Gauge.builder("fedimpute.jobs.dispatch.due", dispatchDue, AtomicLong::get)
                .description("Dispatch executions on the durable queue that are due and not yet picked by an instance")
                .register(meters);
    }

    /** Counts the job's move to {@code to}, and for an ending its duration since submission, once the move commits. */
    void transitioned(ImputationJob job, JobStatus to) {
        String service = job.serviceSlug();
        Duration duration = to.terminal() ? Duration.between(job.submittedAt(), job.finishedAt()) : null;
        afterCommit(() -> {
            Counter.builder("fedimpute.jobs.transitions")
                    .description("Job status changes by the status entered and the job's imputation service")
                    .tag("status", to.name())
                    .tag("service", service)
                    .register(meters)
                    .increment();
            if (duration != null) {
                Timer.builder("fedimpute.jobs.duration")
                        .description("From submission to the end of a job, by imputation service and outcome")
                        .tag("service", service)
                        .tag("outcome", to.name().toLowerCase(Locale.ROOT))
                        .publishPercentileHistogram()
                        .minimumExpectedValue(Duration.ofSeconds(1))
                        .maximumExpectedValue(Duration.ofDays(2))
                        .register(meters)
                        .record(duration);
            }
        });
    }

    /** Reads the jobs in flight by status and the due dispatch executions into the gauges. */
    @Scheduled(fixedDelayString = "${fedimpute.jobs.meter-refresh:15s}")
    void refresh() {
        Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
        jdbc.sql("SELECT status, count(*) FROM imputation_job WHERE status IN ('PENDING', 'QUEUED', 'RUNNING')"
                        + " GROUP BY status")
                .query(row -> {
                    counts.put(JobStatus.valueOf(row.getString(1)), row.getLong(2));
                });
        active.forEach((status, count) -> count.set(counts.getOrDefault(status, 0L)));
        dispatchDue.set(jdbc.sql("SELECT count(*) FROM scheduled_tasks"
                        + " WHERE task_name = ? AND NOT picked AND execution_time <= ?")
                .params(JobTasks.DISPATCH, Timestamp.from(Instant.now(clock)))
                .query(Long.class)
                .single());
    }

    private static void afterCommit(Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }
}
