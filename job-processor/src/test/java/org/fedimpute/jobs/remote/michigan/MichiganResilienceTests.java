package org.fedimpute.jobs.remote.michigan;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fedimpute.jobs.remote.Gate;
import org.fedimpute.jobs.remote.RemoteFailure;
import org.fedimpute.jobs.remote.RemoteFixtures;
import org.fedimpute.jobs.remote.RemoteOutput;
import org.fedimpute.jobs.remote.RemoteState;
import org.fedimpute.jobs.remote.RemoteStatus;
import org.fedimpute.jobs.remote.RemoteTarget;
import org.fedimpute.jobs.remote.calls.RemoteCallProperties;
import org.fedimpute.jobs.remote.calls.RemoteCalls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Cloudgene client when servers misbehave: 5xx and timeouts retried then unavailable, 4xx never retried, a
 * circuit per service that stops calling a failing server, a bulkhead that caps calls in flight, and downloads that
 * are never repeated once their body has started.
 */
class MichiganResilienceTests {

    private static final Gate gate = new Gate();

    @RegisterExtension
    static final WireMockExtension server = WireMockExtension.newInstance()
            .options(options().dynamicPort().extensions(gate))
            .build();

    private static final String STATUS = "/api/v2/jobs/" + CloudgeneShapes.JOB_ID + "/status";

    private RemoteCalls calls = RemoteFixtures.calls(RemoteFixtures.quick());
    private MichiganClient client = new MichiganClient(calls);
    private final RemoteTarget target = RemoteFixtures.target("mis", server.baseUrl());

    @AfterEach
    void closeCalls() {
        calls.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503})
    void serverErrorsAreRetriedThenUnavailable(int status) {
        server.stubFor(get(STATUS)
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"The server is in maintenance mode.\",\"success\":false}")));

        assertThatThrownBy(() -> client.status(target, CloudgeneShapes.JOB_ID))
                .isInstanceOf(RemoteFailure.Unavailable.class)
                .hasMessage("Michigan Imputation Server is not answering (HTTP " + status
                        + ": The server is in maintenance mode.)");
        server.verify(3, getRequestedFor(urlPathMatching(STATUS)));
    }

    @Test
    void aServerErrorFollowedByAnAnswerIsAnswered() {
        server.stubFor(get(STATUS)
                .inScenario("flaky")
                .willReturn(aResponse().withStatus(500))
                .willSetStateTo("recovered"));
        server.stubFor(get(STATUS)
                .inScenario("flaky")
                .whenScenarioStateIs("recovered")
                .willReturn(okJson(CloudgeneShapes.RUNNING)));

        assertThat(client.status(target, CloudgeneShapes.JOB_ID).state()).isEqualTo(RemoteState.RUNNING);
        server.verify(2, getRequestedFor(urlPathMatching(STATUS)));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 405})
    void clientErrorsAreNeverRetried(int status) {
        server.stubFor(get(STATUS).willReturn(aResponse().withStatus(status).withBody("{\"message\":\"no\"}")));

        assertThatThrownBy(() -> client.status(target, CloudgeneShapes.JOB_ID))
                .isInstanceOf(RemoteFailure.Rejected.class);
        server.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void aServerSlowerThanTheReadTimeoutIsRetriedThenUnavailable() {
        server.stubFor(get(STATUS).willReturn(okJson(CloudgeneShapes.RUNNING).withFixedDelay(2_000)));
        RemoteTarget impatient = RemoteFixtures.target("mis", server.baseUrl(), Duration.ofMillis(150));

        assertThatThrownBy(() -> client.status(impatient, CloudgeneShapes.JOB_ID))
                .isInstanceOf(RemoteFailure.Unavailable.class)
                .hasMessage("Michigan Imputation Server did not answer within 150 ms");
        server.verify(3, getRequestedFor(urlPathMatching(STATUS)));
    }

    @Test
    void aClosedPortIsUnavailable() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }

        assertThatThrownBy(() -> client.status(
                        RemoteFixtures.target("gone", "http://127.0.0.1:" + closed), CloudgeneShapes.JOB_ID))
                .isInstanceOf(RemoteFailure.Unavailable.class)
                .hasMessage("Michigan Imputation Server refused the connection");
    }

    @Test
    void theCircuitOpensForAFailingServiceWhileAnotherServiceKeepsWorking() {
        useCalls(RemoteFixtures.settings(0, 4, 8));
        server.stubFor(get(STATUS).willReturn(aResponse().withStatus(500)));
        server.stubFor(get("/healthy" + STATUS).willReturn(okJson(CloudgeneShapes.RUNNING)));
        RemoteTarget healthy = RemoteFixtures.target("healthy", server.baseUrl() + "/healthy");

        for (int call = 0; call < 4; call++) {
            assertThatThrownBy(() -> client.status(target, CloudgeneShapes.JOB_ID))
                    .isInstanceOf(RemoteFailure.Unavailable.class)
                    .hasMessageContaining("HTTP 500");
        }
        assertThatThrownBy(() -> client.status(target, CloudgeneShapes.JOB_ID))
                .isInstanceOf(RemoteFailure.Unavailable.class)
                .hasMessage("Michigan Imputation Server is not answering; the circuit is open");
        assertThatThrownBy(() -> client.download(
                        target, new RemoteOutput("chr_20.zip", "/share/results/h/chr_20.zip", -1), stream -> 0))
                .hasMessageEndingWith("the circuit is open");
        server.verify(4, getRequestedFor(urlPathMatching(STATUS)));

        assertThat(client.status(healthy, CloudgeneShapes.JOB_ID).state()).isEqualTo(RemoteState.RUNNING);
        server.verify(5, anyRequestedFor(anyUrl()));
    }

    @Test
    void anOpenCircuitLetsTrialCallsThroughAfterAWhileAndClosesWhenTheyAreAnswered() {
        useCalls(RemoteFixtures.settings(0, 2, 8, Duration.ofMillis(200)));
        server.stubFor(get(STATUS).willReturn(aResponse().withStatus(503)));
        for (int call = 0; call < 3; call++) {
            assertThatThrownBy(() -> client.status(target, CloudgeneShapes.JOB_ID))
                    .isInstanceOf(RemoteFailure.Unavailable.class);
        }
        server.verify(2, getRequestedFor(urlPathMatching(STATUS)));

        server.stubFor(get(STATUS).willReturn(okJson(CloudgeneShapes.RUNNING)));
        await().atMost(Duration.ofSeconds(10))
                .ignoreException(RemoteFailure.Unavailable.class)
                .untilAsserted(() -> assertThat(
                                client.status(target, CloudgeneShapes.JOB_ID).state())
                        .isEqualTo(RemoteState.RUNNING));
        assertThat(client.status(target, CloudgeneShapes.JOB_ID).state()).isEqualTo(RemoteState.RUNNING);
        assertThat(client.status(target, CloudgeneShapes.JOB_ID).state()).isEqualTo(RemoteState.RUNNING);
    }

    @Test
    void refusalsDoNotOpenTheCircuit() {
        useCalls(RemoteFixtures.settings(0, 4, 8));
        server.stubFor(get(STATUS).willReturn(aResponse().withStatus(404).withBody("{\"message\":\"not found\"}")));

        for (int call = 0; call < 6; call++) {
            assertThatThrownBy(() -> client.status(target, CloudgeneShapes.JOB_ID))
                    .isInstanceOf(RemoteFailure.Rejected.class);
        }
        server.verify(6, anyRequestedFor(anyUrl()));
    }

    @Test
    void callsBeyondTheBulkheadFailAtOnceWithoutReachingTheServer() throws Exception {
        useCalls(RemoteFixtures.settings(0, 10, 2));
        server.stubFor(get(STATUS).willReturn(okJson(CloudgeneShapes.RUNNING).withTransformers(Gate.NAME)));
        RemoteTarget patient = RemoteFixtures.target("mis", server.baseUrl(), Duration.ofSeconds(30));
        ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
        Future<RemoteStatus> first = callers.submit(() -> client.status(patient, CloudgeneShapes.JOB_ID));
        Future<RemoteStatus> second = callers.submit(() -> client.status(patient, CloudgeneShapes.JOB_ID));
        try {
            gate.awaitArrivals(2);

            assertThatThrownBy(() -> client.status(patient, CloudgeneShapes.JOB_ID))
                    .isInstanceOf(RemoteFailure.Unavailable.class)
                    .hasMessage("Michigan Imputation Server already has 2 calls in flight from FedImpute;"
                            + " try again shortly");
            assertThat(gate.arrivals()).isEqualTo(2);
        } finally {
            gate.open();
            callers.close();
        }
        assertThat(first.get().state()).isEqualTo(RemoteState.RUNNING);
        assertThat(second.get().state()).isEqualTo(RemoteState.RUNNING);
        assertThat(client.status(patient, CloudgeneShapes.JOB_ID).state()).isEqualTo(RemoteState.RUNNING);
        server.verify(3, anyRequestedFor(anyUrl()));
    }

    @Test
    void aDownloadThatBreaksOffAfterItsHeadersIsNeverRepeated() {
        server.stubFor(get("/share/results/9f8e7d6c/chr_20.zip")
                .willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));

        assertThatThrownBy(() -> client.download(
                        target,
                        new RemoteOutput("chr_20.zip", "/share/results/9f8e7d6c/chr_20.zip", -1),
                        MichiganClientTests::readAll))
                .isInstanceOf(RemoteFailure.Unavailable.class)
                .hasMessageStartingWith("The download from Michigan Imputation Server broke off after");
        server.verify(1, anyRequestedFor(anyUrl()));
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 503})
    void aDownloadAnsweredWithAServerErrorIsNotRepeatedSinceEachGetSpendsTheFilesBudget(int status) {
        server.stubFor(get("/share/results/9f8e7d6c/chr_20.zip")
                .willReturn(aResponse().withStatus(status).withBody("{\"message\":\"no\"}")));

        assertThatThrownBy(() -> client.download(
                        target,
                        new RemoteOutput("chr_20.zip", "/share/results/9f8e7d6c/chr_20.zip", -1),
                        MichiganClientTests::readAll))
                .isInstanceOf(RemoteFailure.Unavailable.class)
                .hasMessageContaining("HTTP " + status);
        server.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void aDownloadRefusedBeforeItsBodyIsNotRetriedEither() {
        server.stubFor(get("/share/results/9f8e7d6c/chr_20.zip")
                .willReturn(
                        aResponse().withStatus(404).withBody("{\"message\":\"File not found\",\"success\":false}")));

        assertThatThrownBy(() -> client.download(
                        target,
                        new RemoteOutput("chr_20.zip", "/share/results/9f8e7d6c/chr_20.zip", -1),
                        MichiganClientTests::readAll))
                .isInstanceOf(RemoteFailure.Rejected.class)
                .hasMessageEndingWith("(HTTP 404): File not found");
        server.verify(1, anyRequestedFor(anyUrl()));
    }

    private void useCalls(RemoteCallProperties properties) {
        calls.close();
        calls = RemoteFixtures.calls(properties);
        client = new MichiganClient(calls);
    }
}
