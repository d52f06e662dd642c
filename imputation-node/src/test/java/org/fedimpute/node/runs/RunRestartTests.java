package org.fedimpute.node.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.fedimpute.node.wes.WesCalls.HUB_A_TOKEN;
import static org.fedimpute.node.wes.WesCalls.imputation;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.fedimpute.node.ImputationNodeApplication;
import org.fedimpute.node.wes.ScriptedWorkflow;
import org.fedimpute.node.wes.WesCalls;
import org.fedimpute.test.infra.EmbeddedInfra;
import org.fedimpute.test.security.TestJwtIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A node stopped while one run works and another waits, and started again on the same database and work root: the
 * working run ends as SYSTEM_ERROR saying the node restarted (its process gone with the first node), the waiting
 * one runs, and the files of a submission that no stored run owns are removed.
 */
class RunRestartTests {

    private static final Path WORK_ROOT = RunLifecycleTests.temporaryDirectory();
    private static final Map<String, byte[]> INPUT =
            Map.of("a.vcf", "##fileformat=VCFv4.2\n".getBytes(StandardCharsets.UTF_8));

    @Test
    void aRestartEndsTheWorkingRunWithTheReasonRunsTheQueuedOneAndRemovesOrphanedFiles() throws Exception {
        EmbeddedInfra.DatabaseAccess database = EmbeddedInfra.createDatabase("RunRestartTests", "node");
        int redisDatabase = EmbeddedInfra.nextRedisDatabase();

        ConfigurableApplicationContext first = start(database, redisDatabase);
        WesCalls before = calls(first);
        String working = before.submitted(HUB_A_TOKEN, imputation(ScriptedWorkflow.SLOW), INPUT);
        before.awaitState(HUB_A_TOKEN, working, "RUNNING");
        String waiting = before.submitted(HUB_A_TOKEN, imputation(ScriptedWorkflow.DEMO), INPUT);
        Path workDir = WORK_ROOT.toAbsolutePath().normalize().resolve(working);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ScriptedWorkflow.sleeper(workDir).isPresent());
        Process sleeper = ScriptedWorkflow.sleeper(workDir).orElseThrow();
        assertThat(WesCalls.json(before.get("/runs/" + waiting + "/status", HUB_A_TOKEN))
                        .path("state")
                        .asString())
                .isEqualTo("QUEUED");
        first.close();

        assertThat(sleeper.waitFor(10, TimeUnit.SECONDS)).isTrue();
        // A submission cut short by the first node dying before its run was stored, and something not a run's.
        Path orphan = WORK_ROOT.resolve(UUID.randomUUID().toString());
        Files.createDirectories(orphan.resolve("input"));
        Files.writeString(orphan.resolve("input").resolve("a.vcf"), "##fileformat=VCFv4.2\n");
        Path notARun = Files.createDirectories(WORK_ROOT.resolve("operator-notes"));
        ConfigurableApplicationContext second = start(database, redisDatabase);
        try {
            assertThat(orphan).doesNotExist();
            assertThat(notARun).exists();
            assertThat(workDir).as("a stored run keeps its directory").exists();
            WesCalls after = calls(second);
            JsonNode interrupted = after.awaitState(HUB_A_TOKEN, working, "SYSTEM_ERROR");
            assertThat(interrupted.path("run_log").path("system_logs").get(0).asString())
                    .isEqualTo("The node restarted while this run was running; submit it again.");
            String stderr = new String(
                    after.download(interrupted.path("run_log").path("stderr").asString(), HUB_A_TOKEN, null)
                            .body(),
                    StandardCharsets.UTF_8);
            assertThat(stderr).contains("The node restarted while this run was running; submit it again.");
            after.awaitState(HUB_A_TOKEN, waiting, "COMPLETE");
        } finally {
            second.close();
        }
    }

    private static WesCalls calls(ConfigurableApplicationContext context) {
        return new WesCalls(
                ((WebServerApplicationContext) context).getWebServer().getPort());
    }

    private static ConfigurableApplicationContext start(EmbeddedInfra.DatabaseAccess database, int redisDatabase) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--spring.data.redis.host=127.0.0.1",
                "--spring.data.redis.port=" + EmbeddedInfra.redisPort(),
                "--spring.data.redis.database=" + redisDatabase,
                "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri="
                        + TestJwtIssuer.get().jwksUri(),
                "--fedimpute.node.runs.concurrent=1",
                "--fedimpute.node.runs.work-root=" + WORK_ROOT));
        for (String property :
                List.of(WesCalls.HUB_A_NAME, WesCalls.HUB_A_HASH, WesCalls.FAST_QUEUE, WesCalls.QUICK_SHUTDOWN)) {
            arguments.add("--" + property);
        }
        // As command-line arguments, which outrank the platform starter's local defaults.
        ConfigurableApplicationContext context = new SpringApplicationBuilder(
                        ImputationNodeApplication.class, ScriptedWorkflow.class)
                .run(arguments.toArray(String[]::new));
        EmbeddedInfra.track(context::isActive);
        return context;
    }
}
