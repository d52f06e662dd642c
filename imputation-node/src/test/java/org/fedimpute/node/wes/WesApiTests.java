package org.fedimpute.node.wes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.fedimpute.node.wes.WesCalls.HUB_A_TOKEN;
import static org.fedimpute.node.wes.WesCalls.HUB_B_TOKEN;
import static org.fedimpute.node.wes.WesCalls.assertWesError;
import static org.fedimpute.node.wes.WesCalls.imputation;
import static org.fedimpute.node.wes.WesCalls.json;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.fedimpute.test.infra.UseEmbeddedInfra;
import org.fedimpute.test.security.TestJwtIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The node's WES 1.1 API over real HTTP on embedded PostgreSQL, with a scripted workflow running real processes:
 * service-info, submitting, listing and paging, run and task logs, output downloads with Range, every refusal, and
 * the hubs' tokens and the walls between hubs.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            WesCalls.HUB_A_NAME,
            WesCalls.HUB_A_HASH,
            WesCalls.HUB_B_NAME,
            WesCalls.HUB_B_HASH,
            WesCalls.FAST_QUEUE,
            WesCalls.QUICK_SHUTDOWN,
            "fedimpute.node.runs.concurrent=2",
            "fedimpute.node.runs.max-upload-size=1MB",
            "fedimpute.node.runs.input-url-hosts=127.0.0.1",
            "fedimpute.node.runs.input-stall-limit=" + WesApiTests.STALL_LIMIT_SECONDS + "s"
        })
@UseEmbeddedInfra
@Import(ScriptedWorkflow.class)
class WesApiTests {

    static final int STALL_LIMIT_SECONDS = 8;
    /** Held by the input server's stalled answers until the class ends. */
    private static final CountDownLatch STALLED = new CountDownLatch(1);

    private static final Path WORK_ROOT = temporaryDirectory();
    private static final byte[] GENOTYPES =
            "##fileformat=VCFv4.2\n#CHROM\tPOS\n20\t100\n".getBytes(StandardCharsets.UTF_8);
    private static final HttpServer INPUTS = inputServer();

    @LocalServerPort
    int port;

    @Autowired
    ScriptedWorkflow workflow;

    WesCalls wes;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("fedimpute.node.runs.work-root", WORK_ROOT::toString);
        registry.add(
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                () -> TestJwtIssuer.get().jwksUri());
    }

    @AfterAll
    static void stopInputs() {
        STALLED.countDown();
        INPUTS.stop(0);
    }

    @BeforeEach
    void calls() {
        wes = new WesCalls(port);
        workflow.engineInstalled(true);
    }

    @Test
    void serviceInfoIsOpenAndDescribesTheNode() {
        String runId = wes.submitted(HUB_A_TOKEN, imputation(ScriptedWorkflow.DEMO), Map.of("a.vcf", GENOTYPES));
        wes.awaitState(HUB_A_TOKEN, runId, "COMPLETE");

        HttpResponse<String> response = wes.get("/service-info", null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode info = json(response);
        assertThat(info.path("id").asString()).isEqualTo("org.fedimpute.node");
        assertThat(info.path("type").path("artifact").asString()).isEqualTo("wes");
        assertThat(info.path("organization").path("name").asString()).isNotBlank();
        assertThat(info.path("workflow_type_versions")
                        .path("IMPUTATION")
                        .path("workflow_type_version")
                        .get(0)
                        .asString())
                .isEqualTo("1.0");
        assertThat(info.path("workflow_engine_versions")
                        .path("beagle")
                        .path("workflow_engine_version")
                        .get(0)
                        .asString())
                .isEqualTo("5.4-scripted");
        assertThat(info.path("supported_wes_versions").get(0).asString()).isEqualTo("1.1.0");
        assertThat(info.path("supported_filesystem_protocols").toString()).contains("http", "https");
        JsonNode counts = info.path("system_state_counts");
        assertThat(counts.propertyNames())
                .contains("QUEUED", "INITIALIZING", "RUNNING", "COMPLETE", "EXECUTOR_ERROR", "SYSTEM_ERROR")
                .contains("CANCELING", "CANCELED", "UNKNOWN", "PAUSED", "PREEMPTED");
        assertThat(counts.path("COMPLETE").asLong()).isPositive();
        assertThat(info.path("reference_panels").get(0).path("id").asString()).isEqualTo(ScriptedWorkflow.DEMO);
        assertThat(info.path("tags").isEmpty()).isTrue();
    }

    @Test
    void withoutAnEngineServiceInfoAndHealthSaySoAndRunsAreRefused() {
        workflow.engineInstalled(false);

        JsonNode info = json(wes.get("/service-info", null));
        assertThat(info.path("description").asString()).startsWith("No imputation engine is installed");
        assertThat(info.path("tags").path(ServiceInfoController.NO_ENGINE_TAG).asString())
                .contains("install Beagle");
        assertThat(info.path("workflow_engine_versions").isEmpty()).isTrue();
        HttpResponse<String> health =
                new org.fedimpute.test.service.ServiceCalls(port).call("GET", "/actuator/health", null, null);
        assertThat(health.body()).contains("\"status\":\"UP\"").contains("No imputation engine is installed");
        assertWesError(
                wes.submit(HUB_A_TOKEN, imputation(ScriptedWorkflow.DEMO), Map.of("a.vcf", GENOTYPES)),
                400,
                "No imputation engine is installed");
    }

    @Test
    void aSubmittedRunCompletesWithItsLogsTasksAndOutputs() {
        String runId = wes.submitted(HUB_A_TOKEN, imputation(ScriptedWorkflow.DEMO), Map.of("a.vcf", GENOTYPES));

        JsonNode run = wes.awaitState(HUB_A_TOKEN, runId, "COMPLETE");

        assertThat(run.path("run_id").asString()).isEqualTo(runId);
        JsonNode request = run.path("request");
        assertThat(request.path("workflow_params").path("refpanel").asString()).isEqualTo(ScriptedWorkflow.DEMO);
        assertThat(request.path("workflow_type").asString()).isEqualTo("IMPUTATION");
        assertThat(request.path("tags").path("fedimpute_job_id").asString()).isEqualTo("42");
        JsonNode log = run.path("run_log");
        assertThat(log.path("name").asString()).isEqualTo("impute chr20");
        assertThat(log.path("exit_code").asInt()).isZero();
        assertThat(log.path("start_time").asString()).isNotBlank();
        assertThat(log.path("end_time").asString()).isNotBlank();
        assertThat(log.path("stdout").asString()).startsWith("http://127.0.0.1:" + port + "/ga4gh/wes/v1/runs/");
        assertThat(text(wes.download(log.path("stdout").asString(), HUB_A_TOKEN, null)))
                .contains("Ended COMPLETE");

        String vcfUrl = run.path("outputs").path("imputed_vcf").get(0).asString();
        assertThat(vcfUrl).endsWith("/chr20.imputed.vcf.gz");
        HttpResponse<byte[]> vcf = wes.download(vcfUrl, HUB_A_TOKEN, null);
        assertThat(vcf.statusCode()).isEqualTo(200);
        assertThat(vcf.body()).isEqualTo(GENOTYPES);
        HttpResponse<byte[]> part = wes.download(vcfUrl, HUB_A_TOKEN, "bytes=2-11");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(java.util.Arrays.copyOfRange(GENOTYPES, 2, 12));
        assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 2-11/" + GENOTYPES.length);
        assertThat(wes.download(vcfUrl, HUB_B_TOKEN, null).statusCode()).isEqualTo(404);
        assertThat(text(wes.download(run.path("outputs").path("info").get(0).asString(), HUB_A_TOKEN, null)))
                .contains("R2");

        JsonNode tasks = json(wes.get("/runs/" + runId + "/tasks", HUB_A_TOKEN));
        assertThat(tasks.path("task_logs")).hasSize(2);
        assertThat(tasks.path("next_page_token").asString()).isEmpty();
        JsonNode impute = json(wes.get("/runs/" + runId + "/tasks/2", HUB_A_TOKEN));
        assertThat(impute.path("id").asString()).isEqualTo("2");
        assertThat(impute.path("name").asString()).isEqualTo("impute chr20");
        assertThat(impute.path("cmd").get(0).asString()).isEqualTo("sh");
        assertThat(impute.path("exit_code").asInt()).isZero();
        assertThat(impute.path("end_time").asString()).isNotBlank();
        assertThat(impute.path("stdout_tail").asString()).isEqualTo("imputed");
        assertThat(impute.path("stderr_tail").asString()).isEqualTo("a warning");
        assertThat(text(wes.download(impute.path("stderr").asString(), HUB_A_TOKEN, null)))
                .isEqualTo("a warning\n");
        JsonNode firstPage = json(wes.get("/runs/" + runId + "/tasks?page_size=1", HUB_A_TOKEN));
        assertThat(firstPage.path("task_logs").get(0).path("name").asString()).isEqualTo("check input");
        JsonNode secondPage = json(wes.get(
                "/runs/" + runId + "/tasks?page_size=1&page_token="
                        + firstPage.path("next_page_token").asString(),
                HUB_A_TOKEN));
        assertThat(secondPage.path("task_logs").get(0).path("name").asString()).isEqualTo("impute chr20");
        assertWesError(wes.get("/runs/" + runId + "/tasks/9", HUB_A_TOKEN), 404, "has no task 9");
    }

    @Test
    void anInputUrlFromAnAllowedHostIsFetchedAsAStep() {
        Map<String, String> fields = imputation(ScriptedWorkflow.DEMO);
        fields.put(
                "workflow_params",
                "{\"refpanel\":\"demo\",\"build\":\"hg38\",\"input\":\"http://127.0.0.1:"
                        + INPUTS.getAddress().getPort() + "/target.vcf\"}");
        String runId = wes.submitted(HUB_A_TOKEN, fields, Map.of());

        JsonNode run = wes.awaitState(HUB_A_TOKEN, runId, "COMPLETE");

        assertThat(wes.download(run.path("outputs").path("imputed_vcf").get(0).asString(), HUB_A_TOKEN, null)
                        .body())
                .isEqualTo(GENOTYPES);
        JsonNode fetch = json(wes.get("/runs/" + runId + "/tasks/1", HUB_A_TOKEN));
        assertThat(fetch.path("name").asString()).isEqualTo("fetch input");
        assertThat(fetch.path("cmd").toString()).contains("/target.vcf");
    }

    @Test
    void aRunFetchingFromAServerThatStalledIsCancelledAtOnce() {
        String runId = wes.submitted(HUB_A_TOKEN, fetching("/stalled.vcf"), Map.of());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> wes.get("/runs/" + runId + "/tasks/1", HUB_A_TOKEN).statusCode() == 200);

        long asked = System.nanoTime();
        assertThat(wes.post("/runs/" + runId + "/cancel", HUB_A_TOKEN).statusCode())
                .isEqualTo(200);
        wes.awaitState(HUB_A_TOKEN, runId, "CANCELED");

        assertThat(Duration.ofNanos(System.nanoTime() - asked))
                .as("ended by the cancel, not by the stall limit")
                .isLessThan(Duration.ofSeconds(STALL_LIMIT_SECONDS));
    }

    @Test
    void aFetchWhoseServerSendsNothingForTheStallLimitFailsTheRunSayingSo() {
        String runId = wes.submitted(HUB_A_TOKEN, fetching("/stalled.vcf"), Map.of());

        JsonNode run = wes.awaitState(HUB_A_TOKEN, runId, "EXECUTOR_ERROR");

        assertThat(text(wes.download(run.path("run_log").path("stderr").asString(), HUB_A_TOKEN, null)))
                .contains("sent nothing for " + STALL_LIMIT_SECONDS + " s");
    }

    /** A run that fetches its input from this path of the input server. */
    private static Map<String, String> fetching(String path) {
        Map<String, String> fields = imputation(ScriptedWorkflow.DEMO);
        fields.put(
                "workflow_params",
                "{\"refpanel\":\"demo\",\"build\":\"hg38\",\"input\":\"http://127.0.0.1:"
                        + INPUTS.getAddress().getPort() + path + "\"}");
        return fields;
    }

    @Test
    void aFailedRunsReasonIsTheTailOfItsStderr() {
        String runId = wes.submitted(HUB_A_TOKEN, imputation(ScriptedWorkflow.BROKEN), Map.of("a.vcf", GENOTYPES));

        JsonNode run = wes.awaitState(HUB_A_TOKEN, runId, "EXECUTOR_ERROR");

        assertThat(run.path("run_log").path("exit_code").asInt()).isEqualTo(1);
        assertThat(text(wes.download(run.path("run_log").path("stderr").asString(), HUB_A_TOKEN, null)))
                .contains(ScriptedWorkflow.BROKEN_REASON);
        assertThat(run.path("outputs").isEmpty()).isTrue();
    }

    @Test
    void runsArePagedNewestFirstWithOpaqueTokens() {
        List<String> submitted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            submitted.add(wes.submitted(HUB_B_TOKEN, imputation(ScriptedWorkflow.DEMO), Map.of("a.vcf", GENOTYPES)));
        }
        List<String> listed = new ArrayList<>();
        String token = "";
        int pages = 0;
        do {
            JsonNode page =
                    json(wes.get("/runs?page_size=2" + (token.isEmpty() ? "" : "&page_token=" + token), HUB_B_TOKEN));
            page.path("runs").forEach(run -> {
                listed.add(run.path("run_id").asString());
                assertThat(run.path("state").asString()).isNotBlank();
                assertThat(run.path("tags").path("fedimpute_job_id").asString()).isEqualTo("42");
            });
            token = page.path("next_page_token").asString();
            pages++;
        } while (!token.isEmpty());

        assertThat(pages).isEqualTo(3);
        assertThat(listed).containsExactlyElementsOf(submitted.reversed());
        assertWesError(wes.get("/runs?page_token=bm9wZQ", HUB_B_TOKEN), 400, "page_token");
        assertWesError(wes.get("/runs?page_size=0", HUB_B_TOKEN), 400, "page_size");
        assertWesError(wes.get("/runs?page_size=abc", HUB_B_TOKEN), 400, "page_size");
        assertWesError(wes.get("/runs?page_size=3000000000", HUB_B_TOKEN), 400, "page_size");
        String farFuture = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("99999999999999999:0:00000000-0000-0000-0000-000000000000".getBytes(UTF_8));
        assertWesError(wes.get("/runs?page_token=" + farFuture, HUB_B_TOKEN), 400, "page_token");
        for (String extreme : List.of(
                "31556889864403199:0:00000000-0000-0000-0000-000000000000",
                "9000000000000:0:00000000-0000-0000-0000-000000000000",
                "-62167219200:0:00000000-0000-0000-0000-000000000000")) {
            String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(extreme.getBytes(UTF_8));
            assertWesError(wes.get("/runs?page_token=" + forged, HUB_B_TOKEN), 400, "page_token");
        }
        JsonNode otherHub = json(wes.get("/runs", HUB_A_TOKEN));
        otherHub.path("runs")
                .forEach(run ->
                        assertThat(submitted).doesNotContain(run.path("run_id").asString()));
    }

    @Test
    void everyWrongRequestIsRefusedWithItsReasonAndLeavesNoFiles() throws IOException {
        Set<Path> before = runDirectories();
        Map<String, byte[]> file = Map.of("a.vcf", GENOTYPES);

        assertRefused(without("workflow_type"), file, "workflow_type is required");
        assertRefused(without("workflow_url"), file, "workflow_url is required");
        assertRefused(with("workflow_type", "CWL"), file, "workflow_type must be IMPUTATION");
        assertRefused(with("workflow_type_version", "2.0"), file, "workflow_type_version must be 1.0");
        assertRefused(with("workflow_url", "https://example.org/wf.cwl"), file, "imputation/<engine>");
        assertRefused(with("workflow_url", "imputation/minimac4"), file, "minimac4 is not installed");
        assertRefused(with("workflow_params", "{not json"), file, "workflow_params is not valid JSON");
        assertRefused(with("workflow_params", "[1]"), file, "workflow_params must be a JSON object");
        assertRefused(with("tags", "{"), file, "tags is not valid JSON");
        assertRefused(with("workflow_params", "{\"build\":\"hg38\"}"), file, "workflow_params.refpanel is required");
        assertRefused(
                with("workflow_params", "{\"refpanel\":\"nope\",\"build\":\"hg38\"}"), file, "no reference panel nope");
        assertRefused(with("workflow_params", "{\"refpanel\":\"demo\",\"build\":\"hg19\"}"), file, "not hg19");
        assertRefused(
                with("workflow_params", "{\"refpanel\":\"demo\",\"build\":\"hg38\",\"r2Filter\":\"high\"}"),
                file,
                "r2Filter must be a number");
        assertRefused(
                with(
                        "workflow_params",
                        "{\"refpanel\":\"demo\",\"build\":\"hg38\",\"input\":\"https://example.org/a.vcf\"}"),
                Map.of(),
                "does not fetch input from example.org");
        assertRefused(imputation(ScriptedWorkflow.DEMO), Map.of(), "The run has no input");
        HttpResponse<String> json = new org.fedimpute.test.service.ServiceCalls(port)
                .call("POST", WesCalls.API + "/runs", HUB_A_TOKEN, "{\"workflow_type\":\"IMPUTATION\"}");
        assertWesError(json, 400, "multipart/form-data");

        assertThat(runDirectories()).isEqualTo(before);
    }

    @Test
    void tooLargeAnUploadIs413AndLeavesNoFiles() throws IOException {
        Set<Path> before = runDirectories();

        assertWesError(
                wes.submit(HUB_A_TOKEN, imputation(ScriptedWorkflow.DEMO), Map.of("big.vcf", new byte[1_500_000])),
                413,
                "larger than this node takes");

        assertThat(runDirectories()).isEqualTo(before);
    }

    @Test
    void callsNeedAHubsTokenAndSeeOnlyThatHubsRuns() {
        assertWesError(wes.get("/runs", null), 401, "bearer token");
        assertWesError(wes.get("/runs", "not-a-hub-token"), 401, "bearer token");
        assertWesError(wes.submit(null, imputation(ScriptedWorkflow.DEMO), Map.of("a.vcf", GENOTYPES)), 401, "token");
        assertThat(wes.get("/runs", null).headers().firstValue("WWW-Authenticate"))
                .hasValue("Bearer");
        String platformToken =
                TestJwtIssuer.get().mint("someone", List.of("ADMIN"), "PREMIUM", java.time.Duration.ofMinutes(5));
        assertWesError(wes.get("/runs", platformToken), 401, "bearer token");

        String runId = wes.submitted(HUB_A_TOKEN, imputation(ScriptedWorkflow.DEMO), Map.of("a.vcf", GENOTYPES));
        wes.awaitState(HUB_A_TOKEN, runId, "COMPLETE");

        assertWesError(wes.get("/runs/" + runId, HUB_B_TOKEN), 404, "not found");
        assertWesError(wes.get("/runs/" + runId + "/status", HUB_B_TOKEN), 404, "not found");
        assertWesError(wes.get("/runs/" + runId + "/tasks", HUB_B_TOKEN), 404, "not found");
        assertWesError(wes.get("/runs/" + runId + "/logs/stderr", HUB_B_TOKEN), 404, "not found");
        assertWesError(wes.post("/runs/" + runId + "/cancel", HUB_B_TOKEN), 404, "not found");
        assertThat(json(wes.get("/runs/" + runId + "/status", HUB_A_TOKEN))
                        .path("state")
                        .asString())
                .isEqualTo("COMPLETE");
    }

    @Test
    void unknownThingsAndWrongMethodsAreWesErrors() {
        assertWesError(wes.get("/runs/not-a-run", HUB_A_TOKEN), 404, "not found");
        assertWesError(wes.get("/runs/" + java.util.UUID.randomUUID(), HUB_A_TOKEN), 404, "not found");
        assertWesError(wes.get("/no-such-endpoint", HUB_A_TOKEN), 404, "");
        assertWesError(wes.call("DELETE", "/runs", HUB_A_TOKEN), 405, "");
        assertWesError(wes.get("/runs/" + java.util.UUID.randomUUID() + "/cancel", HUB_A_TOKEN), 405, "");
    }

    private void assertRefused(Map<String, String> fields, Map<String, byte[]> files, String saying) {
        assertWesError(wes.submit(HUB_A_TOKEN, fields, files), 400, saying);
    }

    private static Map<String, String> without(String field) {
        Map<String, String> fields = imputation(ScriptedWorkflow.DEMO);
        fields.remove(field);
        return fields;
    }

    private static Map<String, String> with(String field, String value) {
        Map<String, String> fields = new LinkedHashMap<>(imputation(ScriptedWorkflow.DEMO));
        fields.put(field, value);
        return fields;
    }

    private static Set<Path> runDirectories() throws IOException {
        try (Stream<Path> dirs = Files.list(WORK_ROOT)) {
            return new HashSet<>(dirs.toList());
        }
    }

    private static String text(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("wes-api-tests");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Serves the genotypes at /target.vcf on loopback, as a partner's file server would. */
    private static HttpServer inputServer() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/target.vcf", exchange -> {
                exchange.sendResponseHeaders(200, GENOTYPES.length);
                exchange.getResponseBody().write(GENOTYPES);
                exchange.close();
            });
            // Answers with its headers and the first bytes of a file, then sends nothing more.
            server.createContext("/stalled.vcf", exchange -> {
                exchange.sendResponseHeaders(200, 1_000_000);
                exchange.getResponseBody().write(GENOTYPES);
                exchange.getResponseBody().flush();
                try {
                    STALLED.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
            });
            server.setExecutor(Executors.newCachedThreadPool());
            server.start();
            return server;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
