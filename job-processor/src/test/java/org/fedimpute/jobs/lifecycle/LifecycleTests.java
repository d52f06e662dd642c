package org.fedimpute.jobs.lifecycle;

import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.fedimpute.jobs.ScriptedRemoteServer.cancelled;
import static org.fedimpute.jobs.ScriptedRemoteServer.failed;
import static org.fedimpute.jobs.ScriptedRemoteServer.preempted;
import static org.fedimpute.jobs.ScriptedRemoteServer.queued;
import static org.fedimpute.jobs.ScriptedRemoteServer.running;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fedimpute.events.EventEnvelope;
import org.fedimpute.events.EventStream;
import org.fedimpute.events.PlatformEvent;
import org.fedimpute.events.UserDeleted;
import org.fedimpute.jobs.JobsApiTest;
import org.fedimpute.jobs.PeerStubs;
import org.fedimpute.jobs.ScriptedRemoteServer;
import org.fedimpute.jobs.remote.RemoteFailure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A job's life on the durable queue against a scripted remote server: sent, followed, finished with its results in
 * file-manager, failed, pre-empted and sent again, kept queued while the server is busy, failed when the server has
 * been gone too long, and cancelled in each of the three ways; each transition stored and announced in order.
 */
class LifecycleTests extends JobsApiTest {

    private final UUID user = UUID.randomUUID();
    private final String token = researcher(user);
    private final String name = unique("job");
    private ScriptedRemoteServer.Script script;

    @Autowired
    private StringRedisTemplate redis;

    @Autowired
    private JobLedger ledger;

    @BeforeEach
    void scriptTheJob() {
        script = remote.script(name);
    }

    @Test
    void aRunRecordedByAnotherInstanceIsKeptWhenTheSlowerDispatchRecordsTheSameRun() {
        script.statuses(running("Imputation"));
        String id = submitReadyJob(user, token, name).get("id").asString();
        String remoteJobId =
                awaitStatus(id, token, "RUNNING").get("remoteJobId").asString();

        assertThat(ledger.sent(UUID.fromString(id), remoteJobId))
                .as("the same run: the slower dispatch keeps it rather than cancelling it")
                .isTrue();
        assertThat(ledger.sent(UUID.fromString(id), "another-run"))
                .as("another run of the job: the caller cancels it")
                .isFalse();
        assertThat(body(call("GET", "/api/v1/jobs/" + id, token, null), 200)
                        .get("remoteJobId")
                        .asString())
                .isEqualTo(remoteJobId);
    }

    @Test
    void aJobRunsToCompletionAndItsOutputsAreStreamedIntoFileManager() {
        String chr20 = name + "-chr_20.zip";
        String chr21 = name + "-chr_21.zip";
        UUID stored20 = peers.resultStore(chr20);
        UUID stored21 = peers.resultStore(chr21);
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put(chr20, "imputed 20");
        outputs.put(chr21, "imputed 21");
        script.statuses(queued(3), running("QC"), running("Imputation"), running("Imputation"))
                .completesWith(outputs);

        JsonNode submitted = submitReadyJob(user, token, name);
        String id = submitted.get("id").asString();
        JsonNode done = awaitStatus(id, token, "COMPLETED");

        assertThat(done.get("resultFileIds").valueStream().map(JsonNode::asString))
                .containsExactly(stored20.toString(), stored21.toString());
        PEERS.verify(postRequestedFor(urlPathEqualTo("/internal/files"))
                .withQueryParam("ownerId", equalTo(user.toString()))
                .withQueryParam("jobId", equalTo(id))
                .withQueryParam("name", equalTo(chr20))
                .withRequestBody(binaryEqualTo("imputed 20".getBytes(StandardCharsets.UTF_8))));
        assertThat(script.submissions.get()).isEqualTo(1);
        assertThat(script.downloads.get()).isEqualTo(2);
        assertThat(script.targets.getFirst().userToken()).isEqualTo("token-of-" + user);
        assertThat(script.inputs)
                .containsExactly(PeerStubs.content(
                        UUID.fromString(submitted.get("inputFileIds").get(0).asString())));
        assertThat(done.get("resultPassword").asString())
                .isEqualTo(script.password)
                .hasSize(24);
        assertThat(body(call("GET", "/api/v1/admin/jobs/" + id, admin(), null), 200)
                        .has("resultPassword"))
                .isFalse();
        assertThat(done.get("startedAt").isNull()).isFalse();

        assertThat(transitions(id))
                .containsExactly("null>PENDING", "PENDING>QUEUED", "QUEUED>RUNNING", "RUNNING>COMPLETED");
        assertThat(eventTypes(id))
                .containsExactly(
                        "job.submitted",
                        "job.queued",
                        "job.progressed",
                        "job.started",
                        "job.progressed",
                        "job.completed");
        assertThat(jdbc.queryForObject(
                        "SELECT envelope->'data'->>'step' FROM event_outbox WHERE subject = ? AND type = 'job.progressed'"
                                + " ORDER BY created_at DESC LIMIT 1",
                        String.class,
                        id))
                .isEqualTo("Imputation");
    }

    @Test
    void aFailedJobKeepsTheServersReason() {
        script.statuses(running("QC"), failed("Chromosome 20: no SNPs left after QC"));

        String id = submitReadyJob(user, token, name).get("id").asString();
        JsonNode failedJob = awaitStatus(id, token, "FAILED");

        assertThat(failedJob.get("failureReason").asString()).isEqualTo("Chromosome 20: no SNPs left after QC");
        assertThat(failedJob.has("resultPassword")).isFalse();
        assertThat(transitions(id)).endsWith("RUNNING>FAILED");
        assertThat(jdbc.queryForObject(
                        "SELECT remote_state FROM job_transition WHERE job_id = ?::uuid AND to_status = 'FAILED'",
                        String.class,
                        id))
                .isEqualTo("5");
        assertThat(eventTypes(id)).last().isEqualTo("job.failed");
    }

    @Test
    void aResultFileManagerStoredWithoutItsAnswerArrivingIsTakenAsStoredNotFetchedAgain() {
        String chr20 = name + "-chr_20.zip";
        String chr21 = name + "-chr_21.zip";
        UUID stored20 = peers.resultStore(chr20);
        UUID stored21 = peers.resultStoredButAnswerLost(chr21);

        assertThat(resultsOfAJobOffering(chr20, chr21)).containsExactly(stored20.toString(), stored21.toString());
        PEERS.verify(1, postRequestedFor(urlPathEqualTo("/internal/files")).withQueryParam("name", equalTo(chr21)));
        assertThat(script.downloads.get())
                .as("each output fetched from the server once")
                .isEqualTo(2);
    }

    @Test
    void whenStoringOneResultFailsTheRetryStoresOnlyTheOutputsStillMissing() {
        String chr20 = name + "-chr_20.zip";
        String chr21 = name + "-chr_21.zip";
        UUID stored20 = peers.resultStore(chr20);
        UUID stored21 = peers.resultStoreFailingOnce(chr21);

        assertThat(resultsOfAJobOffering(chr20, chr21)).containsExactly(stored20.toString(), stored21.toString());
        PEERS.verify(1, postRequestedFor(urlPathEqualTo("/internal/files")).withQueryParam("name", equalTo(chr20)));
        PEERS.verify(2, postRequestedFor(urlPathEqualTo("/internal/files")).withQueryParam("name", equalTo(chr21)));
        assertThat(script.downloads.get()).isEqualTo(3);
    }

    @Test
    void fileStorageDownLongerThanTheServersLimitDelaysTheJobWithoutFailingItOrSpendingDownloads() {
        String chr20 = name + "-chr_20.zip";
        UUID stored = peers.resultStoreDown(chr20);
        script.statuses(running("Imputation")).completesWith(Map.of(chr20, "imputed 20"));
        int probesAtStart = storageProbes();
        String id = submitReadyJob(user, token, name).get("id").asString();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> storeAttempts(chr20) == 1 && storageProbes() >= probesAtStart + 2);

        clock.advance(Duration.ofHours(2));
        int before = storageProbes();
        await().atMost(Duration.ofSeconds(20)).until(() -> storageProbes() >= before + 2);
        assertThat(body(call("GET", "/api/v1/jobs/" + id, token, null), 200)
                        .get("status")
                        .asString())
                .isEqualTo("RUNNING");
        assertThat(script.downloads.get())
                .as("after the first store failed, no download was spent while storage did not take files")
                .isEqualTo(1);
        assertThat(storeAttempts(chr20)).isEqualTo(1);

        peers.recoverResultStore(chr20);
        JsonNode done = awaitStatus(id, token, "COMPLETED");
        assertThat(done.get("resultFileIds").valueStream().map(JsonNode::asString))
                .containsExactly(stored.toString());
        assertThat(script.downloads.get()).isEqualTo(2);
        assertThat(jdbc.queryForObject(
                        "SELECT result_store_failures FROM imputation_job WHERE id = ?::uuid", Integer.class, id))
                .isEqualTo(1);
    }

    private static int storageProbes() {
        return PEERS.countRequestsMatching(postRequestedFor(urlPathEqualTo(PeerStubs.STORAGE_PROBE))
                        .build())
                .getCount();
    }

    /** Asks to cancel a running job; the server has not confirmed, so the job still runs with the request noted. */
    private void assertCancelRequestedWhileRunning(String id) {
        JsonNode requested = body(call("POST", "/api/v1/jobs/" + id + "/cancel", token, null), 202);
        assertThat(requested.get("status").asString()).isEqualTo("RUNNING");
        assertThat(requested.get("cancelRequested").asBoolean()).isTrue();
    }

    private static int storeAttempts(String name) {
        return PEERS.countRequestsMatching(postRequestedFor(urlPathEqualTo("/internal/files"))
                        .withQueryParam("name", equalTo(name))
                        .build())
                .getCount();
    }

    @Test
    void aResultFileManagerRefusesFailsTheJobSayingWhichInsteadOfRetryingForHours() {
        String refused = name + "-chr_20.weird";
        peers.resultRefused(refused);
        script.statuses(running("Imputation")).completesWith(Map.of(refused, "imputed 20"));

        String id = submitReadyJob(user, token, name).get("id").asString();
        JsonNode failed = awaitStatus(id, token, "FAILED");

        assertThat(failed.get("failureReason").asString())
                .isEqualTo("the result " + refused + " could not be stored: file-manager refused it (HTTP 400)");
    }

    @Test
    void aJobPreemptedAfterItsCancelWasRequestedIsCancelledNotSentAgain() {
        script.statuses(running("QC")).onCancel(running("QC"), preempted());
        String id = submitReadyJob(user, token, name).get("id").asString();
        awaitStatus(id, token, "RUNNING");

        assertCancelRequestedWhileRunning(id);

        awaitStatus(id, token, "CANCELLED");
        assertThat(script.submissions.get()).isEqualTo(1);
        assertThat(history(id).getLast().get("reason").asString()).startsWith("cancelled as requested; pre-empted on");
    }

    @Test
    void aPreemptedJobIsQueuedAgainAndSentAgain() {
        script.statuses(running("QC"), preempted(), running("QC again")).completesWith(Map.of());

        String id = submitReadyJob(user, token, name).get("id").asString();
        awaitStatus(id, token, "COMPLETED");

        assertThat(script.submissions.get()).isEqualTo(2);
        assertThat(transitions(id))
                .containsExactly(
                        "null>PENDING",
                        "PENDING>QUEUED",
                        "QUEUED>RUNNING",
                        "RUNNING>QUEUED",
                        "QUEUED>RUNNING",
                        "RUNNING>COMPLETED");
        assertThat(history(id).get(3).get("reason").asString()).contains("pre-empted");
    }

    @Test
    void aBusyServerKeepsTheJobQueuedAndItIsSentLater() {
        script.submitsFail(
                        new RemoteFailure.Busy("Only 2 jobs per user can be executed simultaneously."),
                        new RemoteFailure.Busy("Only 2 jobs per user can be executed simultaneously."))
                .statuses(running("QC"))
                .completesWith(Map.of());

        String id = submitReadyJob(user, token, name).get("id").asString();
        awaitStatus(id, token, "COMPLETED");

        assertThat(script.submissions.get()).isEqualTo(3);
        assertThat(transitions(id))
                .containsExactly("null>PENDING", "PENDING>QUEUED", "QUEUED>RUNNING", "RUNNING>COMPLETED");
    }

    @Test
    void aSubmitWhoseAnswerWasLostIsFoundOnTheServerAndNotSentTwice() {
        script.answerLostOnce().statuses(running("QC")).completesWith(Map.of());

        String id = submitReadyJob(user, token, name).get("id").asString();
        awaitStatus(id, token, "COMPLETED");

        assertThat(script.submissions.get()).isEqualTo(1);
        assertThat(script.accepted.get()).isEqualTo(1);
        assertThat(script.lookups.get()).isEqualTo(1);
        assertThat(transitions(id))
                .containsExactly("null>PENDING", "PENDING>QUEUED", "QUEUED>RUNNING", "RUNNING>COMPLETED");
    }

    @Test
    void aJobCancelledWhileTheAnswerToItsSubmitIsMissingHasTheRunItMayHaveLeftCancelledOnTheServer() {
        script.answerLostOnce().statuses(running("QC"));
        script.lookupsUnanswered = true;

        String id = submitReadyJob(user, token, name).get("id").asString();
        await().atMost(Duration.ofSeconds(20)).until(() -> script.accepted.get() == 1);
        JsonNode cancelled = body(call("POST", "/api/v1/jobs/" + id + "/cancel", token, null), 202);
        script.lookupsUnanswered = false;

        assertThat(cancelled.get("status").asString()).isEqualTo("CANCELLED");
        await().atMost(Duration.ofSeconds(20)).until(() -> script.cancels.get() == 1);
        assertThat(script.lookups.get()).isEqualTo(1);
        assertThat(script.submissions.get()).isEqualTo(1);
        assertThat(transitions(id)).containsExactly("null>PENDING", "PENDING>QUEUED", "QUEUED>CANCELLED");
    }

    @Test
    void aJobWhoseFollowingKeepsFailingOnOurSideFailsSayingSoInsteadOfStayingUnfinished() {
        script.statusesFrom(() -> {
            throw new IllegalStateException("a fault in following the job");
        });

        String id = submitReadyJob(user, token, name).get("id").asString();
        JsonNode failed = awaitStatus(id, token, "FAILED");

        assertThat(failed.get("failureReason").asString())
                .isEqualTo("FedImpute could not follow this job: 5 attempts in a row failed on our side"
                        + " (IllegalStateException)");
        assertThat(script.polls.get()).isEqualTo(5);
    }

    @Test
    void aJobTheServerTookJustBeforeJobProcessorStoppedIsFoundThereAndNotSentTwice() {
        script.takenThenStoppedOnce().statuses(running("QC")).completesWith(Map.of());

        String id = submitReadyJob(user, token, name).get("id").asString();
        // The dispatch runs again after the wait for a task that ended unexpectedly (unexpected-error-retry).
        await().atMost(Duration.ofSeconds(75))
                .until(() -> body(call("GET", "/api/v1/jobs/" + id, token, null), 200)
                        .get("status")
                        .asString()
                        .equals("COMPLETED"));

        assertThat(script.submissions.get()).isEqualTo(1);
        assertThat(script.accepted.get()).isEqualTo(1);
        assertThat(script.lookups.get()).isEqualTo(1);
    }

    @Test
    void aSubmitThatNeverArrivedIsSentAgainAfterTheServerSaysItHoldsNothing() {
        script.submitsFail(new RemoteFailure.Unavailable("connection refused", null))
                .statuses(running("QC"))
                .completesWith(Map.of());

        String id = submitReadyJob(user, token, name).get("id").asString();
        awaitStatus(id, token, "COMPLETED");

        assertThat(script.submissions.get()).isEqualTo(2);
        assertThat(script.accepted.get()).isEqualTo(1);
    }

    @Test
    void aServerGoneLongerThanTheLimitFailsTheJobWithThatReason() {
        script.submitsAlwaysFail(new RemoteFailure.Unavailable("connection refused", null));

        String id = submitReadyJob(user, token, name).get("id").asString();
        await().atMost(Duration.ofSeconds(20)).until(() -> script.submissions.get() >= 2);
        assertThat(body(call("GET", "/api/v1/jobs/" + id, token, null), 200)
                        .get("status")
                        .asString())
                .isEqualTo("QUEUED");

        clock.advance(Duration.ofHours(2));
        JsonNode failedJob = awaitStatus(id, token, "FAILED");

        assertThat(failedJob.get("failureReason").asString())
                .contains("unreachable for longer than PT1H")
                .contains("connection refused");
        assertThat(eventTypes(id)).containsExactly("job.submitted", "job.queued", "job.failed");
    }

    @Test
    void aRejectedSubmissionFailsTheJobWithTheServersMessage() {
        script.submitsFail(new RemoteFailure.Rejected("The token for Server x is invalid or has expired."));

        String id = submitReadyJob(user, token, name).get("id").asString();

        assertThat(awaitStatus(id, token, "FAILED").get("failureReason").asString())
                .isEqualTo("The token for Server x is invalid or has expired.");
        assertThat(script.submissions.get()).isEqualTo(1);
    }

    @Test
    void aJobNotYetSentIsCancelledAtOnce() {
        script.submitsAlwaysFail(new RemoteFailure.Busy("busy"));
        String id = submitReadyJob(user, token, name).get("id").asString();
        await().atMost(Duration.ofSeconds(20)).until(() -> script.submissions.get() >= 1);

        JsonNode cancelledJob = body(call("POST", "/api/v1/jobs/" + id + "/cancel", token, null), 202);

        assertThat(cancelledJob.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(script.cancels.get()).isZero();
        assertThat(history(id).get(2).get("reason").asString()).isEqualTo("cancelled by its owner");
        assertThat(eventTypes(id)).containsExactly("job.submitted", "job.queued", "job.cancelled");
        problem(call("POST", "/api/v1/jobs/" + id + "/cancel", token, null), 409);
    }

    @Test
    void aSentJobIsCancelledWhenTheServerConfirmsAtOnce() {
        script.statuses(running("QC"));
        String id = submitReadyJob(user, token, name).get("id").asString();
        awaitStatus(id, token, "RUNNING");

        JsonNode cancelledJob = body(call("POST", "/api/v1/jobs/" + id + "/cancel", token, null), 202);

        assertThat(cancelledJob.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(script.cancels.get()).isEqualTo(1);
        assertThat(transitions(id)).endsWith("RUNNING>CANCELLED");
        assertThat(history(id).getLast().get("remoteState").asString()).isEqualTo("6");
    }

    @Test
    void aSentJobIsCancelledWhenALaterPollSeesTheServerConfirm() {
        script.statuses(running("QC")).onCancel(running("QC"), cancelled());
        String id = submitReadyJob(user, token, name).get("id").asString();
        awaitStatus(id, token, "RUNNING");

        assertCancelRequestedWhileRunning(id);

        awaitStatus(id, token, "CANCELLED");
        assertThat(history(id).getLast().get("reason").asString()).contains("cancelled as requested");
    }

    @Test
    void aCancelTheServerDidNotTakeIsSentAgainByTheNextPoll() {
        script.statuses(running("QC"))
                .firstCancelFails(new RemoteFailure.Unavailable("the server is busy with other calls", null));
        String id = submitReadyJob(user, token, name).get("id").asString();
        awaitStatus(id, token, "RUNNING");

        assertCancelRequestedWhileRunning(id);
        int polls = script.polls.get();
        await().atMost(Duration.ofSeconds(20)).until(() -> script.polls.get() > polls + 1);
        assertThat(script.cancels.get())
                .as("polls within the cancel-ask interval of the request's own ask leave the asking to it")
                .isEqualTo(1);

        clock.advance(Duration.ofMinutes(6));

        awaitStatus(id, token, "CANCELLED");
        assertThat(script.cancels.get()).isEqualTo(2);
        assertThat(history(id).getLast().get("reason").asString()).contains("cancelled as requested");
    }

    @Test
    void aCancelRequestedTwiceIsAskedOfTheServerOnce() {
        script.statuses(running("QC")).onCancel(running("QC"), running("QC"));
        String id = submitReadyJob(user, token, name).get("id").asString();
        awaitStatus(id, token, "RUNNING");

        assertCancelRequestedWhileRunning(id);
        assertCancelRequestedWhileRunning(id);

        assertThat(script.cancels.get()).isEqualTo(1);
    }

    @Test
    void aCancellationTheServerNeverConfirmsEndsAfterTheTimeout() {
        script.statuses(running("QC")).onCancel(running("QC"), running("QC"));
        String id = submitReadyJob(user, token, name).get("id").asString();
        awaitStatus(id, token, "RUNNING");
        body(call("POST", "/api/v1/jobs/" + id + "/cancel", token, null), 202);
        int polls = script.polls.get();
        await().atMost(Duration.ofSeconds(20)).until(() -> script.polls.get() > polls + 1);
        assertThat(body(call("GET", "/api/v1/jobs/" + id, token, null), 200)
                        .get("status")
                        .asString())
                .isEqualTo("RUNNING");

        clock.advance(Duration.ofMinutes(11));

        awaitStatus(id, token, "CANCELLED");
        assertThat(history(id).getLast().get("reason").asString()).contains("did not confirm the cancellation");
    }

    @Test
    void anotherUsersJobIsNotFoundButAdminsSeeAndCancelEveryJob() {
        script.statuses(queued(1));
        String id = submitReadyJob(user, token, name).get("id").asString();
        String stranger = researcher(UUID.randomUUID());

        problem(call("GET", "/api/v1/jobs/" + id, stranger, null), 404);
        problem(call("GET", "/api/v1/jobs/" + id + "/history", stranger, null), 404);
        problem(call("POST", "/api/v1/jobs/" + id + "/cancel", stranger, null), 404);
        assertThat(body(call("GET", "/api/v1/jobs", stranger, null), 200)
                        .get("totalItems")
                        .asLong())
                .isZero();
        problem(call("GET", "/api/v1/admin/jobs", token, null), 403);

        JsonNode mine = body(call("GET", "/api/v1/jobs?status=QUEUED", token, null), 200);
        assertThat(mine.get("items").get(0).get("id").asString()).isEqualTo(id);
        assertThat(body(call("GET", "/api/v1/jobs?status=COMPLETED", token, null), 200)
                        .get("totalItems")
                        .asLong())
                .isZero();
        problem(call("GET", "/api/v1/jobs?size=1000", token, null), 400);
        // A page whose offset is past what a JPA query takes is refused, not a 500.
        problem(call("GET", "/api/v1/jobs?page=2147483647&size=20", token, null), 400);

        String admin = admin();
        JsonNode all = body(call("GET", "/api/v1/admin/jobs?size=100", admin, null), 200);
        assertThat(all.get("totalItems").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(body(call("GET", "/api/v1/admin/jobs/" + id, admin, null), 200)
                        .get("userId")
                        .asString())
                .isEqualTo(user.toString());

        JsonNode stats = body(call("GET", "/api/v1/jobs/stats", token, null), 200);
        assertThat(stats.get("byStatus").get("QUEUED").asLong()
                        + stats.get("byStatus").get("RUNNING").asLong())
                .isEqualTo(1);
        assertThat(stats.get("averageExecutionSeconds").isNull()).isTrue();

        JsonNode cancelledJob = body(call("POST", "/api/v1/admin/jobs/" + id + "/cancel", admin, null), 202);
        assertThat(cancelledJob.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(history(id).getLast().get("reason").asString()).isEqualTo("cancelled by an administrator");
    }

    @Test
    void aDeletedUsersJobsAreCancelledOnTheirServersAndAnonymised() {
        script.statuses(running("QC"));
        String sent = submitReadyJob(user, token, name).get("id").asString();
        awaitStatus(sent, token, "RUNNING");
        String waitingName = unique("waiting");
        remote.script(waitingName).submitsAlwaysFail(new RemoteFailure.Busy("busy"));
        String waiting = submitReadyJob(user, token, waitingName).get("id").asString();

        EventEnvelope<PlatformEvent> deleted =
                EventEnvelope.wrap("/user-service", new UserDeleted(user, java.time.Instant.now()));
        for (int delivery = 0; delivery < 2; delivery++) {
            redis.opsForStream()
                    .add(StreamRecords.string(Map.of(
                                    "id", deleted.id(),
                                    "type", deleted.type(),
                                    "event", json.writeValueAsString(deleted)))
                            .withStreamKey(EventStream.USERS.key()));
        }

        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.queryForObject(
                                "SELECT count(*) FROM imputation_job WHERE id IN (?::uuid, ?::uuid)"
                                        + " AND status = 'CANCELLED' AND name = 'deleted'",
                                Integer.class,
                                sent,
                                waiting)
                        == 2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM imputation_job WHERE user_id = ?", Integer.class, user))
                .isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> script.cancels.get() == 1);
        assertThat(remote.script(waitingName).cancels.get()).isZero();
        problem(call("GET", "/api/v1/jobs/" + sent, token, null), 404);
        assertThat(eventTypes(sent)).last().isEqualTo("job.cancelled");
    }

    private List<JsonNode> history(String id) {
        return body(call("GET", "/api/v1/jobs/" + id + "/history", token, null), 200)
                .valueStream()
                .toList();
    }

    private List<String> transitions(String id) {
        return history(id).stream()
                .map(entry ->
                        (entry.get("from").isNull() ? "null" : entry.get("from").asString()) + ">"
                                + entry.get("to").asString())
                .toList();
    }

    /** Runs a job whose server offers these outputs (each with content of its own) and answers its result file ids. */
    private List<String> resultsOfAJobOffering(String... outputNames) {
        Map<String, String> outputs = new LinkedHashMap<>();
        for (String output : outputNames) {
            outputs.put(output, "imputed " + output);
        }
        script.statuses(running("Imputation")).completesWith(outputs);
        String id = submitReadyJob(user, token, name).get("id").asString();
        return awaitStatus(id, token, "COMPLETED")
                .get("resultFileIds")
                .valueStream()
                .map(JsonNode::asString)
                .toList();
    }
}
