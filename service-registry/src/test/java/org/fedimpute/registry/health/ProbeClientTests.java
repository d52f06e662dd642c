package org.fedimpute.registry.health;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.fedimpute.events.ServiceHealth;
import org.fedimpute.registry.services.ServiceEndpoint;
import org.fedimpute.registry.services.ServiceKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

/** The probes against stubbed servers: which answers count as alive, and a readable error for every failure. */
class ProbeClientTests {

    @RegisterExtension
    static final WireMockExtension server = WireMockExtension.newInstance()
            .options(options().dynamicPort().dynamicHttpsPort())
            .build();

    private static final ProbeClient client = new ProbeClient(
            List.of(new MichiganHealthProbe(), new WesHealthProbe()),
            JsonMapper.builder().build());

    @AfterAll
    static void closeClient() {
        client.close();
    }

    @Test
    void aCloudgeneServerDescribingItselfIsHealthyAndIsAskedWithoutAToken() {
        server.stubFor(get("/mis/api/v2/server").willReturn(okJson(RecordedShapes.MICHIGAN_SERVER)));
        server.stubFor(get("/anonymous/api/v2/server").willReturn(okJson(RecordedShapes.MICHIGAN_SERVER_ANONYMOUS)));

        ProbeResult result = client.probe(michigan(http() + "/mis"));
        assertThat(result.health()).isEqualTo(ServiceHealth.HEALTHY);
        assertThat(result.httpStatus()).isEqualTo(200);
        assertThat(result.error()).isNull();
        assertThat(client.probe(michigan(http() + "/anonymous")).health()).isEqualTo(ServiceHealth.HEALTHY);
        server.verify(getRequestedFor(urlEqualTo("/mis/api/v2/server"))
                .withoutHeader("X-Auth-Token")
                .withoutHeader("Authorization"));
    }

    @Test
    void wesNodesOfVersion10And11AreHealthyOnTheirServiceInfo() {
        server.stubFor(get("/one/ga4gh/wes/v1/service-info").willReturn(okJson(RecordedShapes.WES_1_1_SERVICE_INFO)));
        server.stubFor(get("/two/ga4gh/wes/v1/service-info").willReturn(okJson(RecordedShapes.WES_1_0_SERVICE_INFO)));

        assertThat(client.probe(wes(http() + "/one/ga4gh/wes/v1")).health()).isEqualTo(ServiceHealth.HEALTHY);
        assertThat(client.probe(wes(http() + "/two/ga4gh/wes/v1")).health()).isEqualTo(ServiceHealth.HEALTHY);
    }

    @Test
    void anErrorStatusIsUnhealthyWithTheStatus() {
        server.stubFor(
                get("/api/v2/server").willReturn(aResponse().withStatus(500).withBody("stack trace...")));

        ProbeResult result = client.probe(michigan(http()));
        assertThat(result.health()).isEqualTo(ServiceHealth.UNHEALTHY);
        assertThat(result.httpStatus()).isEqualTo(500);
        assertThat(result.error()).isEqualTo("HTTP 500");
    }

    @Test
    void a200ThatIsNotTheServersAnswerIsUnhealthyAndTheBodyIsNotRepeated() {
        server.stubFor(get("/api/v2/server")
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/html")
                        .withBody(RecordedShapes.LOGIN_PAGE)));
        server.stubFor(get("/service-info").willReturn(okJson(RecordedShapes.MICHIGAN_SERVER)));

        ProbeResult html = client.probe(michigan(http()));
        assertThat(html.health()).isEqualTo(ServiceHealth.UNHEALTHY);
        assertThat(html.httpStatus()).isEqualTo(200);
        assertThat(html.error()).isEqualTo("not a Cloudgene server answer (text/html)");
        ProbeResult wrongKind = client.probe(wes(http()));
        assertThat(wrongKind.health()).isEqualTo(ServiceHealth.UNHEALTHY);
        assertThat(wrongKind.error()).startsWith("not a GA4GH WES service-info answer");
    }

    @Test
    void aServerSlowerThanTheReadTimeoutTimesOut() {
        server.stubFor(get("/api/v2/server")
                .willReturn(okJson(RecordedShapes.MICHIGAN_SERVER).withFixedDelay(3_000)));

        ProbeResult result =
                client.probe(endpoint(ServiceKind.MICHIGAN, http(), Duration.ofSeconds(5), Duration.ofMillis(300)));
        assertThat(result.health()).isEqualTo(ServiceHealth.UNHEALTHY);
        assertThat(result.httpStatus()).isNull();
        assertThat(result.error()).isEqualTo("timed out after 300 ms");
    }

    @Test
    void anAnswerThatTricklesInIsCutOffAfterTheTimeouts() throws IOException {
        HttpServer trickling = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        trickling.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream body = exchange.getResponseBody()) {
                for (int i = 0; i < 50; i++) {
                    body.write(' ');
                    body.flush();
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException probeHungUp) {
                // the probe gave up, as it should
            }
        });
        trickling.start();
        try {
            ProbeResult result = client.probe(endpoint(
                    ServiceKind.MICHIGAN,
                    "http://127.0.0.1:" + trickling.getAddress().getPort(),
                    Duration.ofMillis(200),
                    Duration.ofMillis(300)));
            assertThat(result.health()).isEqualTo(ServiceHealth.UNHEALTHY);
            assertThat(result.error()).isEqualTo("no complete answer within 500 ms");
        } finally {
            trickling.stop(0);
        }
    }

    @Test
    void aClosedPortIsAConnectionRefused() throws IOException {
        ProbeResult result = client.probe(michigan("http://127.0.0.1:" + closedPort()));
        assertThat(result.health()).isEqualTo(ServiceHealth.UNHEALTHY);
        assertThat(result.error()).isEqualTo("connection refused");
    }

    @Test
    void anUntrustedCertificateOrAPlainPortIsATlsFailure() {
        ProbeResult selfSigned = client.probe(michigan("https://localhost:" + server.getHttpsPort()));
        assertThat(selfSigned.health()).isEqualTo(ServiceHealth.UNHEALTHY);
        assertThat(selfSigned.error())
                .startsWith("TLS handshake failed: ")
                .contains("certification path")
                .doesNotContain("Exception");

        ProbeResult plain = client.probe(michigan("https://localhost:" + server.getPort()));
        assertThat(plain.health()).isEqualTo(ServiceHealth.UNHEALTHY);
        assertThat(plain.error()).startsWith("TLS handshake failed: ");
    }

    @Test
    void errorsAreShortenedToAReadableLength() {
        ProbeResult result = ProbeResult.unhealthy(null, 1, "x".repeat(10_000));
        assertThat(result.error()).hasSize(ProbeResult.MAX_ERROR_LENGTH).endsWith("…");
    }

    private static String http() {
        return "http://localhost:" + server.getPort();
    }

    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static ServiceEndpoint michigan(String baseUrl) {
        return endpoint(ServiceKind.MICHIGAN, baseUrl, Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    private static ServiceEndpoint wes(String baseUrl) {
        return endpoint(ServiceKind.GA4GH_WES, baseUrl, Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    private static ServiceEndpoint endpoint(ServiceKind kind, String baseUrl, Duration connect, Duration read) {
        return new ServiceEndpoint(
                UUID.randomUUID(), "probed", "Probed", kind, baseUrl, null, connect, read, null, true);
    }
}
