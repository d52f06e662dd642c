package org.fedimpute.jobs.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.fedimpute.jobs.ScriptedRemoteServer.failed;
import static org.fedimpute.jobs.ScriptedRemoteServer.running;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.fedimpute.jobs.JobsApiTest;
import org.fedimpute.jobs.remote.RemoteFailure;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A batch runs one job per input file with one configuration; its progress counts the jobs that ended, its queued
 * jobs can be cancelled together and its failed ones retried together, each retry taking the failed job's place.
 */
class BatchTests extends JobsApiTest {

    private final UUID user = UUID.randomUUID();
    private final String token = premium(user);
    private final String service = unique("batch");
    private final String name = unique("batch");

    @Test
    void aBatchReportsProgressCancelsItsQueuedJobsAndRetriesItsFailedOnes() {
        peers.service(service, false, true);
        remote.script(name + " (1/3)").statuses(running("QC")).completesWith(Map.of());
        remote.script(name + " (2/3)").statuses(failed("no SNPs left"));
        remote.script(name + " (3/3)").submitsAlwaysFail(new RemoteFailure.Busy("busy"));
        String request = submission(
                name,
                service,
                peers.file(user, "VALID", null),
                peers.file(user, "VALID", null),
                peers.file(user, "VALID", null));

        JsonNode batch = body(call("POST", "/api/v1/jobs/batches", token, request), 201);
        assertThat(batch.get("total").asInt()).isEqualTo(3);
        assertThat(batch.get("jobs").get(0).get("inputFileIds").size()).isEqualTo(1);
        String batchId = batch.get("batchId").asString();
        String path = "/api/v1/jobs/batches/" + batchId;

        await().atMost(Duration.ofSeconds(30))
                .until(() -> body(call("GET", path, token, null), 200)
                                .get("finished")
                                .asInt()
                        == 2);
        problem(call("GET", path, researcher(UUID.randomUUID()), null), 404);

        JsonNode cancelled = body(call("POST", path + "/cancel", token, null), 200);
        assertThat(cancelled.get("finished").asInt()).isEqualTo(3);
        assertThat(cancelled.get("byStatus").get("CANCELLED").asInt()).isEqualTo(1);

        remote.script(name + " (2/3)").clearStatuses().completesWith(Map.of());
        // The researcher paths act on the caller's own batches only, an admin's too (admins have the admin paths).
        problem(call("POST", path + "/retry", researcher(UUID.randomUUID()), null), 404);
        problem(call("POST", path + "/retry", admin(), null), 404);
        problem(call("POST", path + "/cancel", admin(), null), 404);
        JsonNode retried = body(call("POST", path + "/retry", token, null), 200);
        assertThat(retried.get("total").asInt()).isEqualTo(3);
        JsonNode retry = retried.get("jobs")
                .valueStream()
                .filter(job -> job.has("retryOf"))
                .findFirst()
                .orElseThrow();
        assertThat(retry.get("name").asString()).isEqualTo(name + " (2/3)");

        await().atMost(Duration.ofSeconds(30))
                .until(() -> body(call("GET", path, token, null), 200)
                                .get("byStatus")
                                .path("COMPLETED")
                                .asInt()
                        == 2);
        JsonNode done = body(call("GET", path, token, null), 200);
        assertThat(done.get("finished").asInt()).isEqualTo(3);
        assertThat(done.get("byStatus").has("FAILED")).isFalse();
        assertThat(body(call("GET", "/api/v1/jobs/" + retry.get("retryOf").asString(), token, null), 200)
                        .get("status")
                        .asString())
                .isEqualTo("FAILED");
    }

    @Test
    void aBatchMustFitTheTiersConcurrentQuota() {
        peers.service(service, false, true);
        UUID free = UUID.randomUUID();
        String request = submission(
                name,
                service,
                peers.file(free, "VALID", null),
                peers.file(free, "VALID", null),
                peers.file(free, "VALID", null));

        JsonNode refused = problem(call("POST", "/api/v1/jobs/batches", researcher(free), request), 429);

        assertThat(refused.get("limit").asInt()).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM imputation_job WHERE user_id = ?", Long.class, free))
                .isZero();
    }
}
