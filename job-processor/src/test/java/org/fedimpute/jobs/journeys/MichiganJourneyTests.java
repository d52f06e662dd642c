package org.fedimpute.jobs.journeys;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
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
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.util.UUID;
import org.fedimpute.jobs.PeerStubs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Jobs walked through the API to stubbed Cloudgene 3 servers by the real Michigan client: the submit's fields and
 * the researcher's token, the state codes as the job shows them (3 is still running), each result downloaded once
 * into file-manager, the server's reason for a failure, cancellation on the server, a refused token, and a server in
 * maintenance that opens its own circuit without failing its job or holding up another server's.
 */
class MichiganJourneyTests extends JourneyTest {

    @RegisterExtension
    static final WireMockExtension michigan =
            WireMockExtension.newInstance().options(options().dynamicPort()).build();

    @RegisterExtension
    static final WireMockExtension otherMichigan =
            WireMockExtension.newInstance().options(options().dynamicPort()).build();

    private static final String JOB_ID = "job-20261123-104842-603";
    private static final String SUBMIT = "/api/v2/jobs/submit/imputationserver2";
    private static final String STATUS = "/api/v2/jobs/" + JOB_ID + "/status";
    private static final String CANCEL = "/api/v2/jobs/" + JOB_ID + "/cancel";
    private static final String RECORD = "/api/v2/jobs/" + JOB_ID;
    private static final String STATES = "the job on the server";
    private static final String SUBMITTED = """
            {"success":true,"message":"Your job was successfully added to the job queue.","id":"%s"}
            """.formatted(JOB_ID);
    private static final String NO_STEPS = "[]";
    private static final String NO_OUTPUTS = "[]";

    private final String researchersToken = "token-of-" + user;

    @Test
    void aJobIsSentWithCloudgenesFieldsFollowedThroughEveryStateAndEachResultIsStoredOnce() {
        String slug = register(michigan);
        String chr20 = name + "-chr_20.zip";
        String md5 = name + "-results.md5";
        UUID stored20 = peers.resultStore(chr20);
        UUID storedMd5 = peers.resultStore(md5);
        michigan.stubFor(post(SUBMIT).willReturn(okJson(SUBMITTED)));
        status(STARTED, cloudgeneJob(1, 3, NO_STEPS, NO_OUTPUTS));
        status("running", cloudgeneJob(2, 0, step("Quality Control", "Calculating QC Statistics"), NO_OUTPUTS));
        status("exporting", cloudgeneJob(3, 0, step("Imputation", "Exporting data..."), NO_OUTPUTS));
        ended(
                "success",
                4,
                step("Data Compression and Encryption", "Data have been exported successfully."),
                """
                        [{"id":10,"name":"output","download":true,"hash":"p1","files":[
                           {"name":"%s","path":"%s/output/%1$s","hash":"9f8e7d6c","size":"82 MB","count":10},
                           {"name":"%s","path":"%2$s/output/%3$s","hash":"1a2b3c4d","size":"84 bytes","count":10}]},
                         {"id":12,"name":"local","download":false,"hash":"p3","files":[
                           {"name":"chunks.txt","path":"%2$s/local/chunks.txt","hash":"0c0d0e0f","size":"1 KB"}]}]
                        """.formatted(chr20, JOB_ID, md5));
        michigan.stubFor(get("/share/results/9f8e7d6c/" + chr20).willReturn(download("imputed chr20")));
        michigan.stubFor(get("/share/results/1a2b3c4d/" + md5).willReturn(download("md5 of chr20")));

        JsonNode submitted = submit(name, slug);
        String id = submitted.get("id").asString();
        UUID input = UUID.fromString(submitted.get("inputFileIds").get(0).asString());

        JsonNode waiting = awaitJob(id, job -> job.path("queuePosition").asInt(0) == 3);
        assertThat(waiting.get("status").asString()).isEqualTo("QUEUED");
        assertThat(waiting.get("remoteJobId").asString()).isEqualTo(JOB_ID);
        michigan.verify(1, postRequestedFor(urlEqualTo(SUBMIT)).withHeader("X-Auth-Token", equalTo(researchersToken)));
        LoggedRequest sent =
                michigan.findAll(postRequestedFor(urlEqualTo(SUBMIT))).getFirst();
        assertThat(sent.getParts())
                .extracting(Request.Part::getName)
                .containsExactlyInAnyOrder(
                        "files",
                        "refpanel",
                        "build",
                        "population",
                        "phasing",
                        "r2Filter",
                        "mode",
                        "password",
                        "job-name");
        assertThat(part(sent, "refpanel")).isEqualTo(PeerStubs.panelKey(slug));
        assertThat(part(sent, "build")).isEqualTo("hg38");
        assertThat(part(sent, "population")).isEqualTo("afr");
        assertThat(part(sent, "phasing")).isEqualTo("eagle");
        assertThat(part(sent, "r2Filter")).isEqualTo("0.3");
        assertThat(part(sent, "mode")).isEqualTo("imputation");
        assertThat(part(sent, "job-name")).isEqualTo(name + " [FedImpute " + id + "]");
        assertThat(part(sent, "files")).isEqualTo(PeerStubs.content(input));
        assertThat(sent.getPart("files").getHeader("Content-Disposition").firstValue())
                .contains("filename=\"chr20-" + input + ".vcf.gz\"");

        michigan.setScenarioState(STATES, "running");
        assertThat(awaitStatus(id, token, "RUNNING").get("step").asString()).isEqualTo("Quality Control");

        michigan.setScenarioState(STATES, "exporting");
        JsonNode exporting =
                awaitJob(id, job -> job.path("remoteState").asString("").equals("3"));
        assertThat(exporting.get("status").asString()).isEqualTo("RUNNING");
        assertThat(exporting.get("message").asString()).isEqualTo("Exporting data...");
        int polls = statusPolls();
        await().atMost(Duration.ofSeconds(10)).until(() -> statusPolls() >= polls + 2);
        assertThat(job(id).get("status").asString()).isEqualTo("RUNNING");

        michigan.setScenarioState(STATES, "success");
        JsonNode done = awaitStatus(id, token, "COMPLETED");

        assertThat(done.get("resultFileIds").valueStream().map(JsonNode::asString))
                .containsExactly(stored20.toString(), storedMd5.toString());
        michigan.verify(
                1,
                getRequestedFor(urlEqualTo("/share/results/9f8e7d6c/" + chr20)).withoutHeader("X-Auth-Token"));
        michigan.verify(
                1, getRequestedFor(urlEqualTo("/share/results/1a2b3c4d/" + md5)).withoutHeader("X-Auth-Token"));
        michigan.verify(2, anyRequestedFor(urlPathMatching("/share/results/.*")));
        michigan.verify(0, anyRequestedFor(urlPathMatching("/api/v2/.*")).withoutHeader("X-Auth-Token"));
        verifyStoredResult(id, chr20, "imputed chr20");
        verifyStoredResult(id, md5, "md5 of chr20");
        assertThat(part(sent, "password")).isEqualTo(done.get("resultPassword").asString());
        assertThat(transitions(id, token))
                .containsExactly("null>PENDING", "PENDING>QUEUED", "QUEUED>RUNNING", "RUNNING>COMPLETED");
        assertThat(history(id, token).getLast().get("remoteState").asString()).isEqualTo("4");
        assertThat(milestones(id)).containsExactly("job.submitted", "job.queued", "job.started", "job.completed");
    }

    @Test
    void aJobTheServerFailsIsFailedWithTheServersLastMessage() {
        String slug = register(michigan);
        michigan.stubFor(post(SUBMIT).willReturn(okJson(SUBMITTED)));
        status(STARTED, cloudgeneJob(2, 0, step("Quality Control", "Calculating QC Statistics"), NO_OUTPUTS));
        ended("failed", 5, """
                [{"id":2,"name":"Quality Control","logMessages":[
                   {"message":"Calculating QC Statistics","type":0,"time":2},
                   {"message":"<b>Error:</b> More than 100 obvious strand flips have been detected.<br>Please check strand.",
                    "type":1,"time":3}]}]
                """, """
                [{"id":10,"name":"output","download":true,"hash":"p1","files":[]}]
                """);

        String id = submit(name, slug).get("id").asString();
        awaitStatus(id, token, "RUNNING");
        michigan.setScenarioState(STATES, "failed");
        JsonNode failed = awaitStatus(id, token, "FAILED");

        assertThat(failed.get("failureReason").asString())
                .endsWith("Error: More than 100 obvious strand flips have been detected.\nPlease check strand.");
        assertThat(failed.has("resultPassword")).isFalse();
        assertThat(history(id, token).getLast().get("remoteState").asString()).isEqualTo("5");
        assertThat(milestones(id)).containsExactly("job.submitted", "job.queued", "job.started", "job.failed");
        michigan.verify(0, anyRequestedFor(urlPathMatching("/share/results/.*")));
    }

    @Test
    void aRunningJobCancelledThroughTheApiIsCancelledOnTheServer() {
        String slug = register(michigan);
        michigan.stubFor(post(SUBMIT).willReturn(okJson(SUBMITTED)));
        michigan.stubFor(get(STATUS)
                .willReturn(okJson(cloudgeneJob(2, 0, step("Imputation", "Imputing chunk 1 of 4"), NO_OUTPUTS))));
        michigan.stubFor(get(CANCEL).willReturn(okJson(cloudgeneJob(6, 0, NO_STEPS, NO_OUTPUTS))));

        String id = submit(name, slug).get("id").asString();
        awaitStatus(id, token, "RUNNING");
        JsonNode cancelled = body(call("POST", "/api/v1/jobs/" + id + "/cancel", token, null), 202);

        assertThat(cancelled.get("status").asString()).isEqualTo("CANCELLED");
        michigan.verify(1, getRequestedFor(urlEqualTo(CANCEL)).withHeader("X-Auth-Token", equalTo(researchersToken)));
        michigan.verify(0, postRequestedFor(urlEqualTo(CANCEL)));
        assertThat(transitions(id, token)).endsWith("RUNNING>CANCELLED");
        assertThat(history(id, token).getLast().get("remoteState").asString()).isEqualTo("6");
        assertThat(milestones(id)).last().isEqualTo("job.cancelled");
    }

    @Test
    void aTokenTheServerRefusesFailsTheJobAtOnceWithTheClientsWording() {
        String slug = register(michigan);
        michigan.stubFor(post(SUBMIT)
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                                {"_links":{"self":{"href":"%s","templated":false}},
                                 "_embedded":{"errors":[{"message":"Unauthorized"}]},"message":"Unauthorized"}
                                """.formatted(SUBMIT))));

        String id = submit(name, slug).get("id").asString();
        JsonNode failed = awaitStatus(id, token, "FAILED");

        assertThat(failed.get("failureReason").asString())
                .isEqualTo("Your token for Server " + slug + " is invalid or expired; create a new one there and save"
                        + " it in your FedImpute profile.");
        assertThat(transitions(id, token)).containsExactly("null>PENDING", "PENDING>QUEUED", "QUEUED>FAILED");
        michigan.verify(1, postRequestedFor(urlEqualTo(SUBMIT)));
        michigan.verify(0, getRequestedFor(anyUrl()));
    }

    @Test
    void aServerInMaintenanceKeepsItsJobRunningOpensItsCircuitAndHoldsUpNoOtherServer() {
        String slug = register(michigan);
        michigan.stubFor(post(SUBMIT).willReturn(okJson(SUBMITTED)));
        status(STARTED, cloudgeneJob(2, 0, step("Imputation", "Imputing chunk 1 of 4"), NO_OUTPUTS));
        michigan.stubFor(get(STATUS)
                .inScenario(STATES)
                .whenScenarioStateIs("maintenance")
                .willReturn(failure(503, "The server is in maintenance mode. Please try again later."))
                .willSetStateTo("broken"));
        michigan.stubFor(get(STATUS)
                .inScenario(STATES)
                .whenScenarioStateIs("broken")
                .willReturn(failure(500, "Internal Server Error"))
                .willSetStateTo("maintenance"));
        ended("back", 4, NO_STEPS, NO_OUTPUTS);
        String id = submit(name, slug).get("id").asString();
        awaitStatus(id, token, "RUNNING");

        michigan.setScenarioState(STATES, "maintenance");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> remoteCallMeter("resilience4j.circuitbreaker.not.permitted.calls", slug) > 0);

        assertThat(remoteCallMeter("resilience4j.retry.calls", slug, "kind", "failed_with_retry"))
                .isPositive();
        JsonNode waiting = job(id);
        assertThat(waiting.get("status").asString()).isEqualTo("RUNNING");
        assertThat(waiting.has("failureReason")).isFalse();

        String other = register(otherMichigan);
        otherMichigan.stubFor(post(SUBMIT).willReturn(okJson(SUBMITTED)));
        otherMichigan.stubFor(get(STATUS).willReturn(okJson(cloudgeneJob(4, 0, NO_STEPS, NO_OUTPUTS))));
        otherMichigan.stubFor(get(RECORD).willReturn(okJson(cloudgeneJob(4, 0, NO_STEPS, NO_OUTPUTS))));
        String otherId = submit(unique("meanwhile"), other).get("id").asString();
        awaitStatus(otherId, token, "COMPLETED");
        assertThat(job(id).get("status").asString()).isEqualTo("RUNNING");
        assertThat(remoteCallMeter("resilience4j.circuitbreaker.not.permitted.calls", other))
                .isZero();

        michigan.setScenarioState(STATES, "back");
        awaitStatus(id, token, "COMPLETED");
        assertThat(transitions(id, token))
                .containsExactly("null>PENDING", "PENDING>QUEUED", "QUEUED>RUNNING", "RUNNING>COMPLETED");
    }

    private String register(WireMockExtension server) {
        return register("MICHIGAN", server.baseUrl(), true);
    }

    /** The job's status as the server answers it while the scenario is in this state. */
    private static void status(String state, String answer) {
        michigan.stubFor(
                get(STATUS).inScenario(STATES).whenScenarioStateIs(state).willReturn(okJson(answer)));
    }

    /**
     * The job as the server answers it once it has ended, while the scenario is in this state: as Cloudgene does for a
     * job that has left its engine, {@code /status} answers without the steps and output parameters, which only the
     * job's full record has.
     */
    private static void ended(String state, int code, String steps, String outputParams) {
        status(state, cloudgeneJob(code, 0, NO_STEPS, NO_OUTPUTS));
        michigan.stubFor(get(RECORD)
                .inScenario(STATES)
                .whenScenarioStateIs(state)
                .willReturn(okJson(cloudgeneJob(code, 0, steps, outputParams))));
    }

    private static int statusPolls() {
        return michigan.countRequestsMatching(
                        getRequestedFor(urlEqualTo(STATUS)).build())
                .getCount();
    }

    /** A Cloudgene job record in the shape PROTOCOLS.md section 1 records. */
    private static String cloudgeneJob(int state, int positionInQueue, String steps, String outputParams) {
        return """
                {"id":"%s","name":"chr20 study","state":%d,"positionInQueue":%d,"submittedOn":1763894922000,
                 "applicationId":"imputationserver2","steps":%s,"outputParams":%s}
                """.formatted(JOB_ID, state, positionInQueue, steps, outputParams);
    }

    /** One step with one log message. */
    private static String step(String name, String message) {
        return """
                [{"id":1,"name":"%s","logMessages":[{"message":"%s","type":0,"time":1}]}]
                """.formatted(name, message);
    }

    /** A result file as Cloudgene serves it: no Content-Type, no Content-Length. */
    private static ResponseDefinitionBuilder download(String content) {
        return aResponse().withBody(content).withChunkedDribbleDelay(1, 1);
    }

    private static ResponseDefinitionBuilder failure(int status, String message) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"" + message + "\",\"success\":false}");
    }

    private static String part(LoggedRequest request, String name) {
        return request.getPart(name).getBody().asString();
    }
}
