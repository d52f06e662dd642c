package org.fedimpute.jobs.remote.wes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.fedimpute.jobs.remote.RemoteFailure;
import org.fedimpute.jobs.remote.RemoteFixtures;
import org.fedimpute.jobs.remote.RemoteOutput;
import org.fedimpute.jobs.remote.RemoteState;
import org.fedimpute.jobs.remote.RemoteStatus;
import org.fedimpute.jobs.remote.RemoteSubmission;
import org.fedimpute.jobs.remote.RemoteTarget;
import org.fedimpute.jobs.remote.calls.RemoteCalls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

/** The GA4GH WES 1.1 client against a stubbed node: multipart runs, every state, stderr reasons, results. */
class WesClientTests {

    @RegisterExtension
    static final WireMockExtension server =
            WireMockExtension.newInstance().options(options().dynamicPort()).build();

    private static final String RUN_ID = "3c6a5e0e-7d3b-4f4e-9c1e-5b8f3a2d1c0b";
    private static final String RUNS = "/ga4gh/wes/v1/runs";
    private static final String RUN = RUNS + "/" + RUN_ID;

    private final JsonMapper json = JsonMapper.builder().build();
    private final RemoteCalls calls = RemoteFixtures.calls(RemoteFixtures.quick());
    private final WesClient client = new WesClient(calls, json, new WesProperties("imputation/beagle", Map.of()));
    private final RemoteTarget node = new RemoteTarget(
            UUID.randomUUID(),
            "node",
            "FedImpute node",
            server.baseUrl(),
            null,
            RemoteFixtures.TOKEN,
            Duration.ofSeconds(2),
            Duration.ofSeconds(2));

    @AfterEach
    void closeCalls() {
        calls.close();
    }

    @Test
    void aRunIsPostedAsMultipartWithItsParametersAndFilesAttached() {
        server.stubFor(post(RUNS).willReturn(okJson("{\"run_id\":\"" + RUN_ID + "\"}")));

        String runId = client.submit(
                node,
                RemoteFixtures.submission(
                        RemoteFixtures.file("chr20.vcf.gz", "chr20 genotypes"),
                        RemoteFixtures.file("chr21.vcf.gz", "chr21 genotypes")));

        assertThat(runId).isEqualTo(RUN_ID);
        server.verify(postRequestedFor(urlEqualTo(RUNS))
                .withHeader("Content-Type", containing("multipart/form-data; boundary="))
                .withHeader("Authorization", equalTo("Bearer " + RemoteFixtures.TOKEN)));
        LoggedRequest request = server.findAll(anyRequestedFor(anyUrl())).getFirst();
        assertThat(request.contentTypeHeader().mimeTypePart()).isNotEqualTo("application/json");
        assertThat(request.getParts())
                .extracting(Request.Part::getName)
                .containsExactlyInAnyOrder(
                        "workflow_params",
                        "workflow_type",
                        "workflow_type_version",
                        "workflow_url",
                        "tags",
                        "workflow_attachment",
                        "workflow_attachment");
        assertThat(json.readTree(part(request, "workflow_params"))).isEqualTo(json.readTree("""
                        {"refpanel":"apps@1000g-phase-3-v5@2.0.0","build":"hg19","population":"eur",
                         "phasing":"eagle","r2Filter":"0.3","mode":"imputation"}
                        """));
        assertThat(part(request, "workflow_type")).isEqualTo("IMPUTATION");
        assertThat(part(request, "workflow_type_version")).isEqualTo("1.0");
        assertThat(part(request, "workflow_url")).isEqualTo("imputation/beagle");
        assertThat(json.readTree(part(request, "tags")).path("fedimpute_job_id").asString())
                .isEqualTo("0b7e39a4-3f5e-4a8f-9a57-0f1d2c3b4a59");
        assertThat(request.getParts().stream().filter(part -> part.getName().equals("workflow_attachment")))
                .extracting(
                        part -> part.getHeader("Content-Disposition").firstValue(),
                        part -> part.getBody().asString())
                .containsExactly(
                        tuple("form-data; name=\"workflow_attachment\"; filename=\"chr20.vcf.gz\"", "chr20 genotypes"),
                        tuple("form-data; name=\"workflow_attachment\"; filename=\"chr21.vcf.gz\"", "chr21 genotypes"));
    }

    @Test
    void aBaseUrlThatIsAlreadyTheApiBaseIsNotExtendedAgain() {
        server.stubFor(post(RUNS).willReturn(okJson("{\"run_id\":\"" + RUN_ID + "\"}")));
        RemoteTarget registered = new RemoteTarget(
                UUID.randomUUID(),
                "node",
                "FedImpute node",
                server.baseUrl() + "/ga4gh/wes/v1/",
                null,
                null,
                Duration.ofSeconds(2),
                Duration.ofSeconds(2));

        assertThat(client.submit(
                        registered, RemoteFixtures.submission(RemoteFixtures.file("chr20.vcf.gz", "genotypes"))))
                .isEqualTo(RUN_ID);
        server.verify(1, postRequestedFor(urlEqualTo(RUNS)));
    }

    @Test
    void aNodeThatTrustsTheHubGetsTheHubsTokenForItsSlugAndNoOtherNodeDoes() {
        server.stubFor(post(RUNS).willReturn(okJson("{\"run_id\":\"" + RUN_ID + "\"}")));
        WesClient hubClient = new WesClient(
                calls, json, new WesProperties("imputation/beagle", Map.of("local-node", "the hub's node token")));
        RemoteTarget localNode = new RemoteTarget(
                UUID.randomUUID(),
                "local-node",
                "Local node",
                server.baseUrl(),
                null,
                null,
                Duration.ofSeconds(2),
                Duration.ofSeconds(2));
        RemoteTarget otherNode = new RemoteTarget(
                UUID.randomUUID(),
                "other-node",
                "Other node",
                server.baseUrl(),
                null,
                null,
                Duration.ofSeconds(2),
                Duration.ofSeconds(2));
        RemoteSubmission submission = RemoteFixtures.submission(RemoteFixtures.file("chr20.vcf.gz", "genotypes"));

        hubClient.submit(localNode, submission);
        hubClient.submit(otherNode, submission);
        hubClient.submit(node, submission);

        List<LoggedRequest> posts = server.findAll(postRequestedFor(urlEqualTo(RUNS)));
        assertThat(posts)
                .extracting(request ->
                        request.header("Authorization").isPresent() ? request.getHeader("Authorization") : "none")
                .containsExactly("Bearer the hub's node token", "none", "Bearer " + RemoteFixtures.TOKEN);
    }

    @ParameterizedTest
    @CsvSource({
        "UNKNOWN, UNKNOWN",
        "QUEUED, QUEUED",
        "INITIALIZING, QUEUED",
        "RUNNING, RUNNING",
        "PAUSED, RUNNING",
        "COMPLETE, COMPLETED",
        "EXECUTOR_ERROR, FAILED",
        "SYSTEM_ERROR, FAILED",
        "CANCELING, CANCELLED",
        "CANCELED, CANCELLED",
        "PREEMPTED, PREEMPTED"
    })
    void everyWesStateHasItsPlatformState(String wesState, RemoteState expected) {
        server.stubFor(get(RUN).willReturn(okJson("""
                {"run_id":"%s","state":"%s","run_log":{"name":"imputation","exit_code":1},"outputs":{}}
                """.formatted(RUN_ID, wesState))));

        RemoteStatus status = client.status(node, RUN_ID);

        assertThat(status.state()).isEqualTo(expected);
        assertThat(status.remoteState()).isEqualTo(wesState);
        assertThat(status.step()).isEqualTo("imputation");
        assertThat(status.failureReason())
                .isEqualTo(
                        expected == RemoteState.FAILED ? "The run ended in " + wesState + " with exit code 1" : null);
    }

    @Test
    void aFailedRunGivesTheTailOfItsStderrAsTheReason() {
        String stderr = IntStream.rangeClosed(1, 100)
                .mapToObj(line -> "beagle: line " + line)
                .collect(Collectors.joining("\n", "", "\nERROR: chromosome 20 not found in the reference panel\n"));
        server.stubFor(
                get(RUN).willReturn(okJson("""
                {"run_id":"%s","state":"EXECUTOR_ERROR","request":{"workflow_params":{"build":"hg19"}},
                 "run_log":{"name":"imputation","cmd":["beagle"],"exit_code":2,
                            "stdout":"%s/ga4gh/wes/v1/runs/%s/stdout","stderr":"%s/ga4gh/wes/v1/runs/%s/stderr"},
                 "outputs":{}}
                """.formatted(RUN_ID, server.baseUrl(), RUN_ID, server.baseUrl(), RUN_ID))));
        server.stubFor(get(RUN + "/stderr").willReturn(aResponse().withBody(stderr)));

        RemoteStatus failed = client.status(node, RUN_ID);

        assertThat(failed.state()).isEqualTo(RemoteState.FAILED);
        assertThat(failed.failureReason())
                .startsWith("The run ended in EXECUTOR_ERROR with exit code 2:\n")
                .endsWith("beagle: line 100\nERROR: chromosome 20 not found in the reference panel")
                .contains("beagle: line 82")
                .doesNotContain("beagle: line 81\n");
        server.verify(getRequestedFor(urlEqualTo(RUN + "/stderr"))
                .withHeader("Authorization", equalTo("Bearer " + RemoteFixtures.TOKEN)));
    }

    @Test
    void aStderrThatCannotBeReadStillLeavesAReason() {
        server.stubFor(get(RUN).willReturn(okJson("""
                {"run_id":"%s","state":"SYSTEM_ERROR","run_log":{"stderr":"runs/%s/stderr"},"outputs":{}}
                """.formatted(RUN_ID, RUN_ID))));
        server.stubFor(get(RUN + "/stderr")
                .willReturn(aResponse().withStatus(404).withBody("{\"msg\":\"log gone\",\"status_code\":404}")));

        RemoteStatus failed = client.status(node, RUN_ID);

        assertThat(failed.failureReason())
                .isEqualTo("The run ended in SYSTEM_ERROR (its log could not be read:"
                        + " FedImpute node refused the request (HTTP 404): log gone)");
    }

    @Test
    void outputValuesAndALogAddressThatAreNoUrlsAreLeftOutInsteadOfFailingEveryPoll() {
        server.stubFor(get(RUN).inScenario("run")
                .whenScenarioStateIs(STARTED)
                .willReturn(okJson("""
                {"run_id":"%s","state":"COMPLETE","run_log":{"exit_code":0},
                 "outputs":{"summary":"3 chromosomes done","status":"ok","imputed":"%s/files/chr20.dose.vcf.gz"}}
                """.formatted(RUN_ID, server.baseUrl())))
                .willSetStateTo("failed"));
        server.stubFor(
                get(RUN).inScenario("run").whenScenarioStateIs("failed").willReturn(okJson("""
                {"run_id":"%s","state":"EXECUTOR_ERROR","run_log":{"exit_code":2,"stderr":"see the log at /tmp/my run"},
                 "outputs":{}}
                """.formatted(RUN_ID))));

        RemoteStatus complete = client.status(node, RUN_ID);
        RemoteStatus failed = client.status(node, RUN_ID);

        assertThat(complete.outputs())
                .containsExactly(
                        new RemoteOutput("chr20.dose.vcf.gz", server.baseUrl() + "/files/chr20.dose.vcf.gz", -1));
        assertThat(failed.failureReason())
                .isEqualTo("The run ended in EXECUTOR_ERROR with exit code 2 (its log's address is not a URL)");
    }

    @Test
    void aLongStderrIsCutToItsLastBytes() {
        String tail = WesClient.tail(RemoteFixtures.generated(1024 * 1024));

        assertThat(tail).hasSizeLessThanOrEqualTo(4096).isNotEmpty();
    }

    @Test
    void cancelIsPostedAndTheStateReadBack() {
        server.stubFor(post(RUN + "/cancel").willReturn(okJson("{\"run_id\":\"" + RUN_ID + "\"}")));
        server.stubFor(get(RUN).willReturn(okJson(
                "{\"run_id\":\"" + RUN_ID + "\",\"state\":\"CANCELING\",\"run_log\":{},\"outputs\":{}}")));

        RemoteStatus cancelling = client.cancel(node, RUN_ID);

        assertThat(cancelling.state()).isEqualTo(RemoteState.CANCELLED);
        assertThat(cancelling.remoteState()).isEqualTo("CANCELING");
        server.verify(1, postRequestedFor(urlEqualTo(RUN + "/cancel")));
    }

    @Test
    void theOutputsAreListedByUrlAndDownloadedWithTheNodesCredentialsOnly() {
        String base = server.baseUrl();
        String foreign = base.replace("localhost", "127.0.0.1");
        server.stubFor(get(RUN).willReturn(okJson("""
                {"run_id":"%s","state":"COMPLETE","run_log":{"exit_code":0},
                 "outputs":{"imputed":"%s/files/chr20.dose.vcf.gz",
                            "indexes":["%s/files/chr20.dose.vcf.gz.tbi","/ga4gh/wes/v1/runs/%s/files/chr20.info.gz"],
                            "samples":12}}
                """.formatted(RUN_ID, base, foreign, RUN_ID))));
        server.stubFor(get("/files/chr20.dose.vcf.gz").willReturn(aResponse().withBody("imputed vcf")));
        server.stubFor(
                get("/files/chr20.dose.vcf.gz.tbi").willReturn(aResponse().withBody("index")));

        RemoteStatus complete = client.status(node, RUN_ID);

        assertThat(complete.state()).isEqualTo(RemoteState.COMPLETED);
        assertThat(complete.outputs())
                .containsExactly(
                        new RemoteOutput("chr20.dose.vcf.gz", base + "/files/chr20.dose.vcf.gz", -1),
                        new RemoteOutput("chr20.dose.vcf.gz.tbi", foreign + "/files/chr20.dose.vcf.gz.tbi", -1),
                        new RemoteOutput("chr20.info.gz", base + RUN + "/files/chr20.info.gz", -1));
        assertThat(client.download(node, complete.outputs().get(0), WesClientTests::text))
                .isEqualTo("imputed vcf");
        assertThat(client.download(node, complete.outputs().get(1), WesClientTests::text))
                .isEqualTo("index");
        server.verify(getRequestedFor(urlEqualTo("/files/chr20.dose.vcf.gz"))
                .withHeader("Authorization", equalTo("Bearer " + RemoteFixtures.TOKEN)));
        server.verify(
                getRequestedFor(urlEqualTo("/files/chr20.dose.vcf.gz.tbi")).withoutHeader("Authorization"));
    }

    @Test
    void aRefusedTokenOrAccessIsRejectedOnce() {
        server.stubFor(get(RUN).willReturn(aResponse()
                .withStatus(401)
                .withBody("{\"msg\":\"The request is unauthorized.\",\"status_code\":401}")));
        server.stubFor(
                get(RUNS + "/other")
                        .willReturn(
                                aResponse()
                                        .withStatus(403)
                                        .withBody(
                                                "{\"msg\":\"The requester is not authorized to perform this action.\",\"status_code\":403}")));

        assertThatThrownBy(() -> client.status(node, RUN_ID))
                .isInstanceOf(RemoteFailure.Rejected.class)
                .hasMessageStartingWith("Your token for FedImpute node is invalid or expired;");
        assertThatThrownBy(() -> client.status(node, "other"))
                .isInstanceOf(RemoteFailure.Rejected.class)
                .hasMessage("FedImpute node refused the request (HTTP 403):"
                        + " The requester is not authorized to perform this action.");
        server.verify(2, anyRequestedFor(anyUrl()));
    }

    @Test
    void serverErrorsRepeatAReadButNeverASubmitWhichMayHaveArrived() {
        String failure = "{\"msg\":\"An unexpected error occurred.\",\"status_code\":500}";
        server.stubFor(post(RUNS).willReturn(aResponse().withStatus(500).withBody(failure)));
        server.stubFor(get(RUN).willReturn(aResponse().withStatus(500).withBody(failure)));

        assertThatThrownBy(() -> client.submit(node, RemoteFixtures.submission(RemoteFixtures.file("a.vcf.gz", "a"))))
                .isInstanceOf(RemoteFailure.Unavailable.class)
                .hasMessage("FedImpute node is not answering (HTTP 500: An unexpected error occurred.)");
        assertThatThrownBy(() -> client.status(node, RUN_ID)).isInstanceOf(RemoteFailure.Unavailable.class);
        server.verify(1, postRequestedFor(urlEqualTo(RUNS)));
        server.verify(3, getRequestedFor(urlEqualTo(RUN)));
    }

    @Test
    void anEarlierSubmitIsFoundByItsJobTagAcrossPagesAndAPreemptedOneIsNot() {
        UUID jobId = UUID.fromString("0b7e39a4-3f5e-4a8f-9a57-0f1d2c3b4a59");
        server.stubFor(get(urlEqualTo(RUNS + "?page_size=100")).willReturn(okJson("""
                        {"runs":[{"run_id":"r1","state":"PREEMPTED","tags":{"fedimpute_job_id":"%s"}},
                                 {"run_id":"r2","state":"RUNNING","tags":{"fedimpute_job_id":"another"}}],
                         "next_page_token":"page 2"}
                        """.formatted(jobId))));
        server.stubFor(
                get(urlEqualTo(RUNS + "?page_size=100&page_token=page%202")).willReturn(okJson("""
                        {"runs":[{"run_id":"r3","state":"QUEUED","tags":{"fedimpute_job_id":"%s"}}],
                         "next_page_token":""}
                        """.formatted(jobId))));

        assertThat(client.findSubmitted(node, jobId)).hasValue("r3");
        assertThat(client.findSubmitted(node, UUID.randomUUID())).isEmpty();
        server.verify(
                2,
                getRequestedFor(urlEqualTo(RUNS + "?page_size=100&page_token=page%202"))
                        .withHeader("Authorization", equalTo("Bearer " + RemoteFixtures.TOKEN)));
    }

    private static String part(LoggedRequest request, String name) {
        return request.getPart(name).getBody().asString();
    }

    private static String text(InputStream stream) {
        try {
            return new String(stream.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
