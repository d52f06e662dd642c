package org.fedimpute.jobs.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fedimpute.jobs.ScriptedRemoteServer.failed;
import static org.fedimpute.jobs.ScriptedRemoteServer.running;

import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.fedimpute.jobs.JobsApiTest;
import org.fedimpute.jobs.ScriptedRemoteServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The lifecycle's metrics follow a job: each transition counted under the job's service, the ended job's duration
 * recorded by outcome, the running job seen in the gauge of jobs in flight, and a dispatch in the queue's depth once it is due.
 */
class JobMetersTests extends JobsApiTest {

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private JobMeters jobMeters;

    @Test
    void aJobsTransitionsDurationAndRunningStateAreMeasured() {
        UUID user = UUID.randomUUID();
        String token = researcher(user);
        String name = unique("metered");
        String service = unique("svc");
        ScriptedRemoteServer.Script script = remote.script(name).statuses(running("QC"));
        peers.service(service, true, true);

        String id = submitJob(user, token, name, service).get("id").asString();
        awaitStatus(id, token, "RUNNING");
        jobMeters.refresh();
        assertThat(meters.get("fedimpute.jobs.active")
                        .tag("status", "RUNNING")
                        .gauge()
                        .value())
                .isGreaterThanOrEqualTo(1);

        script.clearStatuses().statuses(failed("no SNPs left after QC"));
        awaitStatus(id, token, "FAILED");

        for (String status : new String[] {"PENDING", "QUEUED", "RUNNING", "FAILED"}) {
            assertThat(counted(service, status)).as(status).isEqualTo(1);
        }
        assertThat(meters.find("fedimpute.jobs.transitions")
                        .tags("service", service, "status", "COMPLETED")
                        .counter())
                .isNull();
        assertThat(meters.get("fedimpute.jobs.duration")
                        .tags("service", service, "outcome", "failed")
                        .timer()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void aDispatchCountsInTheQueueDepthOnceItIsDue() {
        Instant later = Instant.now().plus(Duration.ofHours(1));
        String instance = UUID.randomUUID().toString();
        jdbc.update(
                "INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, version)"
                        + " VALUES (?, ?, ?, false, 1)",
                JobTasks.DISPATCH,
                instance,
                Timestamp.from(later));
        try {
            jobMeters.refresh();
            double before = dispatchDue();
            clock.fixAt(later.plus(Duration.ofMinutes(1)));
            jobMeters.refresh();
            assertThat(dispatchDue() - before).isGreaterThanOrEqualTo(1);
        } finally {
            clock.reset();
            jdbc.update("DELETE FROM scheduled_tasks WHERE task_instance = ?", instance);
        }
    }

    private double counted(String service, String status) {
        return meters.get("fedimpute.jobs.transitions")
                .tags("service", service, "status", status)
                .counter()
                .count();
    }

    private double dispatchDue() {
        return meters.get("fedimpute.jobs.dispatch.due").gauge().value();
    }
}
