package org.fedimpute.registry.discovery;

import org.fedimpute.events.JobCompleted;
import org.fedimpute.events.JobFailed;
import org.fedimpute.platform.events.EventHandler;
import org.springframework.stereotype.Component;

/** Learns from job-processor's events how each job ended, so discovery can rank services by recent success. */
@Component
class JobOutcomeEvents {

    private static final String CONSUMER = "job-outcomes";

    private final JobOutcomes outcomes;

    JobOutcomeEvents(JobOutcomes outcomes) {
        this.outcomes = outcomes;
    }

    @EventHandler(consumer = CONSUMER)
    void on(JobCompleted completed) {
        outcomes.record(completed.jobId(), completed.serviceId(), true, completed.occurredAt());
    }

    @EventHandler(consumer = CONSUMER)
    void on(JobFailed failed) {
        outcomes.record(failed.jobId(), failed.serviceId(), false, failed.occurredAt());
    }
}
