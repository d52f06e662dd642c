package org.fedimpute.jobs.remote.michigan;

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
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.fedimpute.jobs.remote.CountingServer;
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
import tools.jackson.databind.json.JsonMapper;

/** The Cloudgene v2 client against a stubbed Cloudgene 3 server: fields, tokens, states, results and refusals. */
class MichiganClientTests {

    @RegisterExtension
    static final WireMockExtension server =
            WireMockExtension.newInstance().options(options().dynamicPort()).build();

    private static final String STATUS = "/api/v2/jobs/" + CloudgeneShapes.JOB_ID + "/status";
    private static final String RECORD = "/api/v2/jobs/" + CloudgeneShapes.JOB_ID;

    private final RemoteCalls calls = RemoteFixtures.calls(RemoteFixtures.quick());
    private final MichiganClient client = new MichiganClient(calls);
    private final RemoteTarget target = RemoteFixtures.target("mis", server.baseUrl());

    @AfterEach
    void closeCalls() {
        calls.close();
    }

    @Test
    void anEarlierSubmitIsFoundByThePlatformJobIdAtTheEndOfItsNameOnAnyPage() {
        UUID jobId = UUID.fromString("0b7e39a4-3f5e-4a8f-9a57-0f1d2c3b4a59");
        server.stubFor(get(urlEqualTo("/api/v2/jobs?page=1"))
                .withHeader("X-Auth-Token", equalTo(RemoteFixtures.TOKEN))
                .willReturn(okJson("""
                        {"count":3,"page":1,"pageSize":2,"pages":2,"data":[
                         {"id":"job-1","name":"chr20 study [FedImpute 11111111-3f5e-4a8f-9a57-0f1d2c3b4a59]","state":2},
                         {"id":"job-2","name":"[FedImpute %s] chr20","state":1}]}
                        """.formatted(jobId))));
        server.stubFor(get(urlEqualTo("/api/v2/jobs?page=2")).willReturn(okJson("""
                        {"count":3,"page":2,"pageSize":2,"pages":2,"data":[
                         {"id":"job-3","name":"chr20 study [FedImpute %s]","state":1}]}
                        """.formatted(jobId))));

        assertThat(client.findSubmitted(target, jobId)).hasValue("job-3");
        assertThat(client.findSubmitted(target, UUID.randomUUID())).isEmpty();
        server.verify(2, getRequestedFor(urlEqualTo("/api/v2/jobs?page=2")));
    }

    @Test
    void anOldServersBareListIsSearchedToo() {
        UUID jobId = UUID.randomUUID();
        server.stubFor(get(urlEqualTo("/api/v2/jobs?page=1"))
                .willReturn(okJson("[{\"id\":\"job-9\",\"name\":\"x [FedImpute " + jobId + "]\"}]")));

        assertThat(client.findSubmitted(target, jobId)).hasValue("job-9");
        server.verify(1, getRequestedFor(urlMatching("/api/v2/jobs.*")));
    }

    @Test
    void submitSendsOnlyCloudgenesFieldsWithTheFilesAndTheRawToken() {
        server.stubFor(post("/api/v2/jobs/submit/imputationserver2").willReturn(okJson(CloudgeneShapes.SUBMITTED)));

        String id = client.submit(
                target,
                RemoteFixtures.submission(
                        RemoteFixtures.file("chr20.vcf.gz", "##fileformat=VCFv4.2 chr20"),
                        RemoteFixtures.file("chr21.vcf.gz", "##fileformat=VCFv4.2 chr21")));

        assertThat(id).isEqualTo(CloudgeneShapes.JOB_ID);
        server.verify(postRequestedFor(urlEqualTo("/api/v2/jobs/submit/imputationserver2"))
                .withHeader("X-Auth-Token", equalTo(RemoteFixtures.TOKEN))
                .withHeader("Content-Type", containing("multipart/form-data; boundary="))
                .withoutHeader("Authorization"));
        LoggedRequest request = onlyRequest();
        assertThat(request.getParts())
                .extracting(Request.Part::getName)
                .containsExactlyInAnyOrder(
                        "refpanel",
                        "build",
                        "population",
                        "phasing",
                        "r2Filter",
                        "mode",
                        "password",
                        "job-name",
                        "files",
                        "files");
        assertThat(part(request, "refpanel")).isEqualTo("apps@1000g-phase-3-v5@2.0.0");
        assertThat(part(request, "build")).isEqualTo("hg19");
        assertThat(part(request, "population")).isEqualTo("eur");
        assertThat(part(request, "phasing")).isEqualTo("eagle");
        assertThat(part(request, "r2Filter")).isEqualTo("0.3");
        assertThat(part(request, "mode")).isEqualTo("imputation");
        assertThat(part(request, "password")).isEqualTo(RemoteFixtures.PASSWORD);
        assertThat(part(request, "job-name")).isEqualTo("chr20 study [FedImpute 0b7e39a4-3f5e-4a8f-9a57-0f1d2c3b4a59]");
        assertThat(request.getParts().stream().filter(part -> part.getName().equals("files")))
                .extracting(
                        part -> part.getHeader("Content-Disposition").firstValue(),
                        part -> part.getBody().asString())
                .containsExactly(
                        tuple("form-data; name=\"files\"; filename=\"chr20.vcf.gz\"", "##fileformat=VCFv4.2 chr20"),
                        tuple("form-data; name=\"files\"; filename=\"chr21.vcf.gz\"", "##fileformat=VCFv4.2 chr21"));
    }

    @Test
    void aTwoHundredMegabyteInputIsStreamedWithItsLengthDeclared() throws IOException {
        long size = 200L * 1024 * 1024;
        try (CountingServer counting = new CountingServer(CloudgeneShapes.SUBMITTED)) {
            RemoteSubmission submission = RemoteFixtures.submission(
                    new RemoteSubmission.Input("big.vcf.gz", size, () -> RemoteFixtures.generated(size)));

            String id = client.submit(RemoteFixtures.target("big", counting.baseUrl()), submission);

            assertThat(id).isEqualTo(CloudgeneShapes.JOB_ID);
            assertThat(counting.contentType()).startsWith("multipart/form-data; boundary=");
            assertThat(counting.received()).isGreaterThan(size).isLessThan(size + 4096);
            assertThat(counting.contentLength()).isEqualTo(String.valueOf(counting.received()));
        }
    }

    @Test
    void theStatesWalkFromWaitingThroughExportingToSuccessWithTheResultsListedFromTheFullRecord() {
        walk(CloudgeneShapes.WAITING, CloudgeneShapes.RUNNING, CloudgeneShapes.EXPORTING, CloudgeneShapes.ended(4));
        server.stubFor(get(RECORD).willReturn(okJson(CloudgeneShapes.SUCCESS)));

        RemoteStatus waiting = client.status(target, CloudgeneShapes.JOB_ID);
        assertThat(waiting.state()).isEqualTo(RemoteState.QUEUED);
        assertThat(waiting.remoteState()).isEqualTo("1");
        assertThat(waiting.queuePosition()).isEqualTo(3);
        assertThat(waiting.outputs()).isEmpty();

        RemoteStatus running = client.status(target, CloudgeneShapes.JOB_ID);
        assertThat(running.state()).isEqualTo(RemoteState.RUNNING);
        assertThat(running.queuePosition()).isNull();
        assertThat(running.step()).isEqualTo("Quality Control");
        assertThat(running.message()).isEqualTo("Statistics:\nAlternative allele frequency > 0.5 sites: 12");

        RemoteStatus exporting = client.status(target, CloudgeneShapes.JOB_ID);
        assertThat(exporting.state()).isEqualTo(RemoteState.RUNNING);
        assertThat(exporting.remoteState()).isEqualTo("3");
        assertThat(exporting.step()).isEqualTo("Imputation");
        assertThat(exporting.outputs()).isEmpty();

        RemoteStatus success = client.status(target, CloudgeneShapes.JOB_ID);
        assertThat(success.state()).isEqualTo(RemoteState.COMPLETED);
        assertThat(success.failureReason()).isNull();
        assertThat(success.outputs())
                .containsExactly(
                        new RemoteOutput("chr_20.zip", "/share/results/9f8e7d6c/chr_20.zip", -1),
                        new RemoteOutput("results.md5", "/share/results/1a2b3c4d/results.md5", 84),
                        new RemoteOutput("job.txt", "/share/results/5e6f7a8b/job.txt", -1));
        server.verify(4, getRequestedFor(urlEqualTo(STATUS)).withHeader("X-Auth-Token", equalTo(RemoteFixtures.TOKEN)));
        server.verify(1, getRequestedFor(urlEqualTo(RECORD)).withHeader("X-Auth-Token", equalTo(RemoteFixtures.TOKEN)));
    }

    @Test
    void aFastJobMayGoFromRunningStraightToSuccess() {
        walk(CloudgeneShapes.RUNNING, CloudgeneShapes.ended(4));
        server.stubFor(get(RECORD).willReturn(okJson(CloudgeneShapes.SUCCESS)));

        assertThat(client.status(target, CloudgeneShapes.JOB_ID).state()).isEqualTo(RemoteState.RUNNING);
        assertThat(client.status(target, CloudgeneShapes.JOB_ID).state()).isEqualTo(RemoteState.COMPLETED);
    }

    @Test
    void aFailedJobGivesItsLastLogMessagesFromTheFullRecordAsTheReason() {
        server.stubFor(get(STATUS).willReturn(okJson(CloudgeneShapes.ended(5))));
        server.stubFor(get(RECORD).willReturn(okJson(CloudgeneShapes.FAILED)));

        RemoteStatus failed = client.status(target, CloudgeneShapes.JOB_ID);

        assertThat(failed.state()).isEqualTo(RemoteState.FAILED);
        assertThat(failed.remoteState()).isEqualTo("5");
        assertThat(failed.failureReason())
                .isEqualTo("1 valid VCF file(s) found.\nCalculating QC Statistics\n"
                        + "Error: More than 100 obvious strand flips have been detected.\nPlease check strand.");
        assertThat(failed.outputs()).isEmpty();
    }

    @Test
    void aJobThatFailedWithoutStepsSaysSo() {
        server.stubFor(get(STATUS).willReturn(okJson(CloudgeneShapes.ended(5))));
        server.stubFor(get(RECORD).willReturn(okJson(CloudgeneShapes.FAILED_WITHOUT_STEPS)));

        RemoteStatus failed = client.status(target, CloudgeneShapes.JOB_ID);

        assertThat(failed.state()).isEqualTo(RemoteState.FAILED);
        assertThat(failed.failureReason()).contains("without a message", "unknown reference panel");
    }

    @Test
    void aDeletedJobHasFailedAsDeletedOnTheRemoteServer() {
        server.stubFor(get(STATUS).willReturn(okJson(CloudgeneShapes.DELETED)));

        RemoteStatus deleted = client.status(target, CloudgeneShapes.JOB_ID);

        assertThat(deleted.state()).isEqualTo(RemoteState.FAILED);
        assertThat(deleted.remoteState()).isEqualTo("10");
        assertThat(deleted.failureReason()).isEqualTo("deleted on the remote server");
        server.verify(0, getRequestedFor(urlEqualTo(RECORD)));
    }

    @Test
    void theFullRecordIsReadOnlyOnceTheJobHasEndedInSuccessOrFailure() {
        walk(CloudgeneShapes.WAITING, CloudgeneShapes.RUNNING, CloudgeneShapes.EXPORTING, CloudgeneShapes.CANCELED);

        for (int poll = 0; poll < 4; poll++) {
            client.status(target, CloudgeneShapes.JOB_ID);
        }

        server.verify(0, getRequestedFor(urlEqualTo(RECORD)));
    }

    @Test
    void cancelIsAGetAnsweredWithTheCancelledJob() {
        String cancel = "/api/v2/jobs/" + CloudgeneShapes.JOB_ID + "/cancel";
        server.stubFor(get(cancel).willReturn(okJson(CloudgeneShapes.CANCELED)));

        RemoteStatus cancelled = client.cancel(target, CloudgeneShapes.JOB_ID);

        assertThat(cancelled.state()).isEqualTo(RemoteState.CANCELLED);
        assertThat(cancelled.remoteState()).isEqualTo("6");
        server.verify(1, getRequestedFor(urlEqualTo(cancel)).withHeader("X-Auth-Token", equalTo(RemoteFixtures.TOKEN)));
        server.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void aResultIsStreamedFromItsShareLinkOnceAndWithoutTheToken() {
        byte[] zip = "PK\u0003\u0004 encrypted imputed chr20".getBytes(StandardCharsets.ISO_8859_1);
        server.stubFor(
                get("/share/results/9f8e7d6c/chr_20.zip").willReturn(aResponse().withBody(zip)));

        byte[] downloaded = client.download(
                target,
                new RemoteOutput("chr_20.zip", "/share/results/9f8e7d6c/chr_20.zip", -1),
                MichiganClientTests::readAll);

        assertThat(downloaded).isEqualTo(zip);
        server.verify(1, anyRequestedFor(anyUrl()));
        server.verify(getRequestedFor(urlEqualTo("/share/results/9f8e7d6c/chr_20.zip"))
                .withoutHeader("X-Auth-Token")
                .withoutHeader("Authorization"));
    }

    @Test
    void aBadTokenIsRejectedOnceNamingTheServiceWithoutShowingTheToken() {
        server.stubFor(get(STATUS)
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody(CloudgeneShapes.UNAUTHORIZED)));

        assertThatThrownBy(() -> client.status(target, CloudgeneShapes.JOB_ID))
                .isInstanceOf(RemoteFailure.Rejected.class)
                .hasMessageStartingWith("Your token for Michigan Imputation Server is invalid or expired;")
                .message()
                .doesNotContain(RemoteFixtures.TOKEN);
        server.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void theUserJobLimitIsBusyNotAFailureAndIsNotRetried() {
        server.stubFor(post("/api/v2/jobs/submit/imputationserver2")
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody(CloudgeneShapes.TOO_MANY_JOBS)));

        assertThatThrownBy(() ->
                        client.submit(target, RemoteFixtures.submission(RemoteFixtures.file("chr20.vcf.gz", "data"))))
                .isInstanceOf(RemoteFailure.Busy.class)
                .hasMessageContaining("Only 2 jobs per user can be executed simultaneously.");
        server.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void otherRefusalsCarryTheServersMessageAndAreNotRetried() {
        server.stubFor(get(STATUS)
                .willReturn(aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "application/json")
                        .withBody(CloudgeneShapes.NOT_FOUND)));
        server.stubFor(post("/api/v2/jobs/submit/imputationserver2")
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"success\":false,\"message\":\"Parameter 'format' not found\"}")));

        assertThatThrownBy(() -> client.status(target, CloudgeneShapes.JOB_ID))
                .isInstanceOf(RemoteFailure.Rejected.class)
                .hasMessage("Michigan Imputation Server refused the request (HTTP 404): "
                        + "Job job-20990101-000000-000 not found.");
        assertThatThrownBy(() ->
                        client.submit(target, RemoteFixtures.submission(RemoteFixtures.file("chr20.vcf.gz", "data"))))
                .isInstanceOf(RemoteFailure.Rejected.class)
                .hasMessageEndingWith("(HTTP 400): Parameter 'format' not found");
        server.verify(2, anyRequestedFor(anyUrl()));
    }

    @Test
    void aTargetWithoutATokenIsRejectedWithoutACall() {
        RemoteTarget anonymous = new RemoteTarget(
                target.serviceId(),
                "mis",
                "Michigan Imputation Server",
                server.baseUrl(),
                "imputationserver2",
                null,
                target.connectTimeout(),
                target.readTimeout());

        assertThatThrownBy(() -> client.status(anonymous, CloudgeneShapes.JOB_ID))
                .isInstanceOf(RemoteFailure.Rejected.class)
                .hasMessageStartingWith("You have no token for Michigan Imputation Server");
        server.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void sizesAreExactOnlyWhenGivenInBytes() {
        JsonMapper json = JsonMapper.builder().build();
        assertThat(MichiganClient.declaredSize(json.readTree("\"82 MB\""))).isEqualTo(-1);
        assertThat(MichiganClient.declaredSize(json.readTree("\"1 byte\""))).isEqualTo(1);
        assertThat(MichiganClient.declaredSize(json.readTree("\"512 bytes\""))).isEqualTo(512);
        assertThat(MichiganClient.declaredSize(json.readTree("86016"))).isEqualTo(86016);
        assertThat(MichiganClient.declaredSize(json.readTree("null"))).isEqualTo(-1);
    }

    private static void walk(String... answers) {
        String state = STARTED;
        for (int i = 0; i < answers.length; i++) {
            String next = "answer " + (i + 1);
            server.stubFor(get(STATUS)
                    .inScenario("walk")
                    .whenScenarioStateIs(state)
                    .willReturn(okJson(answers[i]))
                    .willSetStateTo(next));
            state = next;
        }
    }

    private static LoggedRequest onlyRequest() {
        List<LoggedRequest> requests = server.findAll(anyRequestedFor(anyUrl()));
        assertThat(requests).hasSize(1);
        return requests.getFirst();
    }

    private static String part(LoggedRequest request, String name) {
        return request.getPart(name).getBody().asString();
    }

    static byte[] readAll(InputStream stream) {
        try {
            return stream.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
