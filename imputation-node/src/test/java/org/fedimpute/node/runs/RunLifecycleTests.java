package org.fedimpute.node.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.fedimpute.node.wes.WesCalls.HUB_A_TOKEN;
import static org.fedimpute.node.wes.WesCalls.imputation;
import static org.fedimpute.node.wes.WesCalls.json;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.fedimpute.node.wes.ScriptedWorkflow;
import org.fedimpute.node.wes.WesCalls;
import org.fedimpute.test.infra.UseEmbeddedInfra;
import org.fedimpute.test.security.TestJwtIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import tools.jackson.databind.JsonNode;

/**
 * The run queue of a node that works one run at a time, over its WES API: a second run waits QUEUED while the first
 * works, a queued run is cancelled at once, a working one is cancelled by killing its process, and a workflow that
 * throws ends its run as SYSTEM_ERROR rather than leaving it stuck, while an end the database could not store at once
 * is stored when it answers again.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            WesCalls.HUB_A_NAME,
            WesCalls.HUB_A_HASH,
            WesCalls.FAST_QUEUE,
            WesCalls.QUICK_SHUTDOWN,
            "fedimpute.node.runs.concurrent=1"
        })
@UseEmbeddedInfra
@Import(ScriptedWorkflow.class)
class RunLifecycleTests {

    private static final Path WORK_ROOT = temporaryDirectory();
    private static final Map<String, byte[]> INPUT =
            Map.of("a.vcf", "##fileformat=VCFv4.2\n".getBytes(StandardCharsets.UTF_8));

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @MockitoSpyBean
    RunRepository repository;

    WesCalls wes;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("fedimpute.node.runs.work-root", WORK_ROOT::toString);
        registry.add(
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                () -> TestJwtIssuer.get().jwksUri());
    }

    @BeforeEach
    void calls() {
        wes = new WesCalls(port);
    }

    @Test
    void oneRunWorksAtATimeAndCancelsKillTheRunningProcessOrDequeue() throws Exception {
        String first = wes.submitted(HUB_A_TOKEN, imputation(ScriptedWorkflow.SLOW), INPUT);
        wes.awaitState(HUB_A_TOKEN, first, "RUNNING");
        Process sleeper = awaitSleeper(first);
        String second = wes.submitted(HUB_A_TOKEN, imputation(ScriptedWorkflow.DEMO), INPUT);
        String third = wes.submitted(HUB_A_TOKEN, imputation(ScriptedWorkflow.DEMO), INPUT);

        // Several of the queue's polls later, the others still wait.
        Thread.sleep(1500);
        assertThat(state(second)).isEqualTo("QUEUED");
        assertThat(state(third)).isEqualTo("QUEUED");
        assertThat(sleeper.isAlive()).isTrue();

        assertThat(json(wes.post("/runs/" + third + "/cancel", HUB_A_TOKEN))
                        .path("run_id")
                        .asString())
                .isEqualTo(third);
        assertThat(state(third)).isEqualTo("CANCELED");
        assertThat(jdbc.sql("SELECT count(*) FROM scheduled_tasks WHERE task_instance = ?")
                        .param(third)
                        .query(Integer.class)
                        .single())
                .isZero();

        assertThat(wes.post("/runs/" + first + "/cancel", HUB_A_TOKEN).statusCode())
                .isEqualTo(200);
        assertThat(state(first)).isIn("CANCELING", "CANCELED");
        wes.awaitState(HUB_A_TOKEN, first, "CANCELED");
        assertThat(sleeper.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(sleeper.isAlive()).isFalse();

        wes.awaitState(HUB_A_TOKEN, second, "COMPLETE");
        assertThat(state(third)).isEqualTo("CANCELED");
        // Cancelling a run that has ended changes nothing.
        assertThat(wes.post("/runs/" + second + "/cancel", HUB_A_TOKEN).statusCode())
                .isEqualTo(200);
        assertThat(state(second)).isEqualTo("COMPLETE");
    }

    @Test
    void aFinishedRunWhoseEndCouldNotBeStoredAtOnceStillEndsCompleteWithItsOutputs() {
        doThrow(new CannotGetJdbcConnectionException("the database is restarting"))
                .doCallRealMethod()
                .when(repository)
                .end(any(), eq(RunState.WORKING), eq(RunState.COMPLETE), any(), any(), any());

        String run = wes.submitted(HUB_A_TOKEN, imputation(ScriptedWorkflow.DEMO), INPUT);

        JsonNode ended = wes.awaitState(HUB_A_TOKEN, run, "COMPLETE");
        assertThat(ended.path("outputs").path("imputed_vcf").isEmpty()).isFalse();
        verify(repository, times(2)).end(any(), eq(RunState.WORKING), eq(RunState.COMPLETE), any(), any(), any());
    }

    @Test
    void aRunWhoseQueueingFailedIsNotLeftStoredAndTheNextOneRuns() {
        int runsBefore =
                jdbc.sql("SELECT count(*) FROM wes_run").query(Integer.class).single();
        jdbc.sql("""
                        CREATE FUNCTION refuse_queueing() RETURNS trigger LANGUAGE plpgsql
                            AS $$ BEGIN RAISE EXCEPTION 'the queue refuses new tasks'; END $$
                        """).update();
        jdbc.sql("CREATE TRIGGER refuse_queueing BEFORE INSERT ON scheduled_tasks"
                        + " FOR EACH ROW EXECUTE FUNCTION refuse_queueing()")
                .update();
        HttpResponse<String> refused;
        try {
            refused = wes.submit(HUB_A_TOKEN, imputation(ScriptedWorkflow.DEMO), INPUT);
        } finally {
            jdbc.sql("DROP TRIGGER refuse_queueing ON scheduled_tasks").update();
            jdbc.sql("DROP FUNCTION refuse_queueing()").update();
        }

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(500);
        assertThat(jdbc.sql("SELECT count(*) FROM wes_run").query(Integer.class).single())
                .as("no run is stored as QUEUED without a task to work it")
                .isEqualTo(runsBefore);
        String next = wes.submitted(HUB_A_TOKEN, imputation(ScriptedWorkflow.DEMO), INPUT);
        wes.awaitState(HUB_A_TOKEN, next, "COMPLETE");
    }

    @Test
    void aWorkflowThatThrowsEndsItsRunAsSystemErrorWithAReason() {
        String runId = wes.submitted(HUB_A_TOKEN, imputation(ScriptedWorkflow.EXPLODE), INPUT);

        JsonNode run = wes.awaitState(HUB_A_TOKEN, runId, "SYSTEM_ERROR");

        String stderr = new String(
                wes.download(run.path("run_log").path("stderr").asString(), HUB_A_TOKEN, null)
                        .body(),
                StandardCharsets.UTF_8);
        assertThat(stderr).contains("The node failed unexpectedly while working on this run");
        assertThat(run.path("run_log").path("system_logs").get(0).asString()).contains("failed unexpectedly");
        assertThat(run.path("run_log").path("end_time").asString()).isNotBlank();
    }

    private String state(String runId) {
        return json(wes.get("/runs/" + runId + "/status", HUB_A_TOKEN))
                .path("state")
                .asString();
    }

    private static Process awaitSleeper(String runId) {
        Path workDir = WORK_ROOT.toAbsolutePath().normalize().resolve(runId);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ScriptedWorkflow.sleeper(workDir).isPresent());
        return ScriptedWorkflow.sleeper(workDir).orElseThrow();
    }

    static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("wes-runs-tests");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
