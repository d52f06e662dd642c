package org.fedimpute.jobs.journeys;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.UUID;
import org.fedimpute.jobs.PeerStubs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Jobs walked through the API to a stubbed GA4GH WES 1.1 node by the real WES client: the run posted as multipart
 * with the genotype file attached, its states as the job shows them, outputs downloaded into file-manager, a
 * pre-empted run sent again, and a failed run's reason read from the stderr its run log points to.
 */
class WesJourneyTests extends JourneyTest {

    @RegisterExtension
    static final WireMockExtension wes =
            WireMockExtension.newInstance().options(options().dynamicPort()).build();

    private static final String RUNS = "/ga4gh/wes/v1/runs";
    private static final String STATES = "the run on the node";

    @Test
    void aRunIsPostedAsMultipartFollowedToCompletionAndItsOutputsAreStored() {
        String slug = register("GA4GH_WES", wes.baseUrl(), false);
        String vcf = name + "-chr20.dose.vcf.gz";
        String info = name + "-chr20.info.gz";
        UUID storedVcf = peers.resultStore(vcf);
        UUID storedInfo = peers.resultStore(info);
        wes.stubFor(post(RUNS).willReturn(okJson("{\"run_id\":\"run-1\"}")));
        run("run-1", STARTED, runLog("run-1", "QUEUED", "{}"));
        run("run-1", "running", runLog("run-1", "RUNNING", "{}"));
        run("run-1", "complete", runLog("run-1", "COMPLETE", """
                {"imputed":["%1$s/outputs/run-1/%2$s"],"info":"%1$s/outputs/run-1/%3$s"}
                """.formatted(wes.baseUrl(), vcf, info)));
        wes.stubFor(get("/outputs/run-1/" + vcf).willReturn(aResponse().withBody("imputed genotypes")));
        wes.stubFor(get("/outputs/run-1/" + info).willReturn(aResponse().withBody("imputation quality")));

        JsonNode submitted = submit(name, slug);
        String id = submitted.get("id").asString();
        UUID input = UUID.fromString(submitted.get("inputFileIds").get(0).asString());

        JsonNode queued =
                awaitJob(id, job -> job.path("remoteState").asString("").equals("QUEUED"));
        assertThat(queued.get("status").asString()).isEqualTo("QUEUED");
        assertThat(queued.get("remoteJobId").asString()).isEqualTo("run-1");
        wes.verify(1, postRequestedFor(urlEqualTo(RUNS)).withHeader("Content-Type", containing("multipart/form-data")));
        LoggedRequest sent = wes.findAll(postRequestedFor(urlEqualTo(RUNS))).getFirst();
        assertThat(sent.getParts())
                .extracting(Request.Part::getName)
                .containsExactlyInAnyOrder(
                        "workflow_params",
                        "workflow_type",
                        "workflow_type_version",
                        "workflow_url",
                        "tags",
                        "workflow_attachment");
        JsonNode params = json.readTree(part(sent, "workflow_params"));
        assertThat(params.get("refpanel").asString()).isEqualTo(PeerStubs.panelKey(slug));
        assertThat(params.get("build").asString()).isEqualTo("hg38");
        assertThat(params.get("population").asString()).isEqualTo("afr");
        assertThat(params.get("phasing").asString()).isEqualTo("eagle");
        assertThat(params.get("r2Filter").asString()).isEqualTo("0.3");
        assertThat(part(sent, "workflow_type")).isEqualTo("IMPUTATION");
        assertThat(part(sent, "workflow_type_version")).isEqualTo("1.0");
        assertThat(part(sent, "workflow_url")).isEqualTo("imputation/beagle");
        assertThat(json.readTree(part(sent, "tags")).get("fedimpute_job_id").asString())
                .isEqualTo(id);
        assertThat(part(sent, "workflow_attachment")).isEqualTo(PeerStubs.content(input));
        assertThat(sent.getPart("workflow_attachment")
                        .getHeader("Content-Disposition")
                        .firstValue())
                .contains("filename=\"chr20-" + input + ".vcf.gz\"");

        wes.setScenarioState(STATES, "running");
        awaitStatus(id, token, "RUNNING");
        wes.setScenarioState(STATES, "complete");
        JsonNode done = awaitStatus(id, token, "COMPLETED");

        assertThat(done.get("resultFileIds").valueStream().map(JsonNode::asString))
                .containsExactly(storedVcf.toString(), storedInfo.toString());
        wes.verify(1, getRequestedFor(urlEqualTo("/outputs/run-1/" + vcf)));
        wes.verify(1, getRequestedFor(urlEqualTo("/outputs/run-1/" + info)));
        verifyStoredResult(id, vcf, "imputed genotypes");
        verifyStoredResult(id, info, "imputation quality");
        assertThat(transitions(id, token))
                .containsExactly("null>PENDING", "PENDING>QUEUED", "QUEUED>RUNNING", "RUNNING>COMPLETED");
        assertThat(milestones(id)).containsExactly("job.submitted", "job.queued", "job.started", "job.completed");
    }

    @Test
    void aPreemptedRunQueuesTheJobAgainAndANewRunIsPostedThatCompletes() {
        String slug = register("GA4GH_WES", wes.baseUrl(), false);
        wes.stubFor(post(RUNS)
                .inScenario("runs posted")
                .whenScenarioStateIs(STARTED)
                .willReturn(okJson("{\"run_id\":\"run-a\"}"))
                .willSetStateTo("run-a posted"));
        wes.stubFor(post(RUNS)
                .inScenario("runs posted")
                .whenScenarioStateIs("run-a posted")
                .willReturn(okJson("{\"run_id\":\"run-b\"}")));
        run("run-a", STARTED, runLog("run-a", "RUNNING", "{}"));
        run("run-a", "preempted", runLog("run-a", "PREEMPTED", "{}"));
        wes.stubFor(get(RUNS + "/run-b").willReturn(okJson(runLog("run-b", "COMPLETE", "{}"))));

        String id = submit(name, slug).get("id").asString();
        awaitStatus(id, token, "RUNNING");
        wes.setScenarioState(STATES, "preempted");
        JsonNode done = awaitStatus(id, token, "COMPLETED");

        assertThat(done.get("remoteJobId").asString()).isEqualTo("run-b");
        wes.verify(2, postRequestedFor(urlEqualTo(RUNS)));
        assertThat(transitions(id, token))
                .containsSubsequence("QUEUED>RUNNING", "RUNNING>QUEUED")
                .endsWith("QUEUED>RUNNING", "RUNNING>COMPLETED");
        List<JsonNode> history = history(id, token);
        assertThat(history.get(history.size() - 2).get("reason").asString())
                .as("run-b ran wholly between two polls, and is recorded as started all the same")
                .contains("between two polls");
        JsonNode requeued = history.stream()
                .filter(entry -> entry.get("from").asString("").equals("RUNNING")
                        && entry.get("to").asString().equals("QUEUED"))
                .findFirst()
                .orElseThrow();
        assertThat(requeued.get("reason").asString()).contains("pre-empted");
        assertThat(requeued.get("remoteState").asString()).isEqualTo("PREEMPTED");
        assertThat(milestones(id))
                .containsExactly(
                        "job.submitted", "job.queued", "job.started", "job.queued", "job.started", "job.completed");
    }

    @Test
    void aRunEndingInAnExecutorErrorFailsTheJobWithTheTailOfItsStderr() {
        String slug = register("GA4GH_WES", wes.baseUrl(), false);
        wes.stubFor(post(RUNS).willReturn(okJson("{\"run_id\":\"run-x\"}")));
        wes.stubFor(get(RUNS + "/run-x").willReturn(okJson("""
                {"run_id":"run-x","state":"EXECUTOR_ERROR","outputs":{},
                 "run_log":{"name":"imputation","cmd":["impute"],"exit_code":3,
                            "stdout":"%1$s/logs/run-x/stdout","stderr":"%1$s/logs/run-x/stderr"}}
                """.formatted(wes.baseUrl()))));
        wes.stubFor(get("/logs/run-x/stderr")
                .willReturn(aResponse()
                        .withBody("Reading chr20-input.vcf.gz\n"
                                + "Error: no variants left after QC (0 of 1204 passed the call-rate filter)\n")));

        String id = submit(name, slug).get("id").asString();
        JsonNode failed = awaitStatus(id, token, "FAILED");

        assertThat(failed.get("failureReason").asString())
                .contains("EXECUTOR_ERROR")
                .contains("exit code 3")
                .endsWith("Error: no variants left after QC (0 of 1204 passed the call-rate filter)");
        wes.verify(1, getRequestedFor(urlEqualTo("/logs/run-x/stderr")));
        wes.verify(0, anyRequestedFor(urlPathMatching("/logs/run-x/stdout")));
        assertThat(history(id, token).getLast().get("remoteState").asString()).isEqualTo("EXECUTOR_ERROR");
        assertThat(milestones(id)).last().isEqualTo("job.failed");
    }

    /** The run's log as the node answers it while the scenario is in this state. */
    private static void run(String runId, String state, String answer) {
        wes.stubFor(get(RUNS + "/" + runId)
                .inScenario(STATES)
                .whenScenarioStateIs(state)
                .willReturn(okJson(answer)));
    }

    /** A WES RunLog in the shape PROTOCOLS.md section 2 records. */
    private static String runLog(String runId, String state, String outputs) {
        return """
                {"run_id":"%s","state":"%s","outputs":%s,
                 "request":{"workflow_type":"IMPUTATION","workflow_type_version":"1.0","workflow_url":"imputation/beagle"},
                 "run_log":{"name":"imputation","cmd":["impute"],"start_time":"2026-11-23T10:00:00Z"},
                 "task_logs_url":"%1$s/tasks"}
                """.formatted(runId, state, outputs);
    }

    private static String part(LoggedRequest request, String name) {
        return request.getPart(name).getBody().asString();
    }
}
