package org.fedimpute.monitoring.analytics;

import org.fedimpute.events.JobCancelled;
import org.fedimpute.events.JobCompleted;
import org.fedimpute.events.JobFailed;
import org.fedimpute.events.JobQueued;
import org.fedimpute.events.JobStarted;
import org.fedimpute.events.JobSubmitted;
import org.fedimpute.events.UserDeleted;
import org.fedimpute.platform.events.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Feeds the job analytics' read model from job-processor's {@code job.*} events (never from its database), and
 * unlinks a deleted account's jobs on {@code user.deleted}. Progress reports change no stage and are not read.
 */
@Component
class JobEvents {

    private static final String CONSUMER = "job-analytics";

    private final JobRecords records;

    JobEvents(JobRecords records) {
        this.records = records;
    }

    @EventHandler(consumer = CONSUMER)
    void on(JobSubmitted event) {
        records.submitted(event);
    }

    @EventHandler(consumer = CONSUMER)
    void on(JobQueued event) {
        records.reached(event, JobStage.QUEUED, null);
    }

    @EventHandler(consumer = CONSUMER)
    void on(JobStarted event) {
        records.reached(event, JobStage.RUNNING, null);
    }

    @EventHandler(consumer = CONSUMER)
    void on(JobCompleted event) {
        records.reached(event, JobStage.COMPLETED, null);
    }

    @EventHandler(consumer = CONSUMER)
    void on(JobFailed event) {
        records.reached(event, JobStage.FAILED, event.reason());
    }

    @EventHandler(consumer = CONSUMER)
    void on(JobCancelled event) {
        records.reached(event, JobStage.CANCELLED, null);
    }

    @EventHandler(consumer = CONSUMER)
    void on(UserDeleted event) {
        records.forgetUser(event.userId());
    }
}
