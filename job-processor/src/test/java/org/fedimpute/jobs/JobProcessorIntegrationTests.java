package org.fedimpute.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.Scheduler;
import java.util.List;
import org.fedimpute.test.service.PlatformServiceConformance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** job-processor booted on embedded PostgreSQL and Redis, held to the platform's conformance checks. */
class JobProcessorIntegrationTests extends PlatformServiceConformance {

    @Autowired
    private List<Scheduler> schedulers;

    JobProcessorIntegrationTests() {
        super("jobs", "event_outbox", "imputation_job", "job_transition", "scheduled_tasks", "processed_event");
    }

    /** The Boot 3 db-scheduler starter loads on Boot 4 and creates nothing; the Boot 4 one must create the scheduler. */
    @Test
    void theDurableSchedulerIsRunning() {
        assertThat(schedulers).hasSize(1);
        assertThat(schedulers.getFirst().getSchedulerState().isStarted()).isTrue();
    }
}
