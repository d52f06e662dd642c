package org.fedimpute.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.fedimpute.test.architecture.FedImputeArchitecture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The gateway booted for real in front of echoing upstreams, one per service, and one service that is down. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayIntegrationTests {

    private static final Map<String, EchoUpstream> upstreams = Stream.of(
                    "users", "registry", "jobs", "files", "notifications")
            .collect(Collectors.toMap(name -> name, EchoUpstream::new));
    private static final int closedPort = closedPort();
    private static final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        upstreams.forEach((name, upstream) -> registry.add("fedimpute.gateway.upstream." + name, upstream::url));
        registry.add("fedimpute.gateway.upstream.monitoring", () -> "http://127.0.0.1:" + closedPort);
    }

    @AfterAll
    static void stopUpstreams() {
        upstreams.values().forEach(EchoUpstream::close);
    }

    @ParameterizedTest
    @CsvSource({
        "/api/v1/auth/login, users",
        "/api/v1/users/me, users",
        "/api/v1/admin/users/42, users",
        "/api/v1/admin/audit/events, users",
        "/api/v1/services, registry",
        "/api/v1/services/michigan, registry",
        "/api/v1/reference-panels/hapmap-2, registry",
        "/api/v1/admin/services/7/health-checks, registry",
        "/api/v1/admin/reference-panels/3, registry",
        "/api/v1/jobs, jobs",
        "/api/v1/jobs/1/history, jobs",
        "/api/v1/job-templates/2, jobs",
        "/api/v1/admin/jobs, jobs",
        "/api/v1/files/abc/report, files",
        "/api/v1/admin/files, files",
        "/api/v1/notifications/stream, notifications",
        "/api/v1/admin/notifications/dead-letters, notifications"
    })
    void routesEachPublicPathToItsServiceUnchanged(String path, String service) {
        HttpResponse<String> response = get(path, Map.of());
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> seen = EchoUpstream.parse(response.body());
        assertThat(seen).containsEntry("upstream", service).containsEntry("path", path);
    }

    @Test
    void eachServicesOpenApiDocumentIsReachableThroughTheGateway() {
        Map<String, Object> seen =
                EchoUpstream.parse(get("/v3/api-docs/jobs", Map.of()).body());
        assertThat(seen).containsEntry("upstream", "jobs").containsEntry("path", "/v3/api-docs");
    }

    @Test
    void theGatewayAssignsARequestIdPassesItOnAndReturnsIt() {
        String chosenByCaller = "caller-chosen-id-123";
        HttpResponse<String> response = get("/api/v1/jobs", Map.of("X-Request-Id", chosenByCaller));
        assertThat(response.headers().allValues("X-Request-Id")).hasSize(1);
        String returned = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(UUID.fromString(returned)).isNotNull();
        assertThat(EchoUpstream.parse(response.body())).containsEntry("requestId", returned);
        assertThat(returned).isNotEqualTo(chosenByCaller);
        assertThat(get("/api/v1/jobs", Map.of()).headers().firstValue("X-Request-Id"))
                .isPresent()
                .isNotEqualTo(returned);
    }

    @Test
    void identityHeadersFromOutsideNeverReachAService() {
        HttpResponse<String> response =
                get("/api/v1/files", Map.of("X-User-Id", UUID.randomUUID().toString()));
        assertThat(EchoUpstream.parse(response.body())).containsEntry("userIdHeader", null);
    }

    @Test
    void internalAndUnknownPathsAreAProblemWith404() {
        for (String path :
                new String[] {"/internal/users/1/external-tokens", "/api/v2/jobs", "/api/v1/admin/secrets"}) {
            HttpResponse<String> response = get(path, Map.of());
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertProblem(response, 404);
        }
    }

    @Test
    void aServiceThatIsDownIsADocumented503Problem() {
        HttpResponse<String> response = get("/api/v1/monitoring/overview", Map.of());
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertProblem(response, 503);
        assertThat(response.body()).contains("not reachable");
    }

    @Test
    void healthAndMetricsAreServedWithTheApplicationTag() {
        assertThat(get("/actuator/health/readiness", Map.of()).body()).contains("\"UP\"");
        assertThat(get("/actuator/health/liveness", Map.of()).body()).contains("\"UP\"");
        assertThat(get("/actuator/prometheus", Map.of()).body()).contains("application=\"api-gateway\"");
    }

    @Test
    void theGatewayDescribesItsOwnApiAndListsEveryServicesDocument() {
        assertThat(get("/v3/api-docs/gateway", Map.of()).body()).contains("\"openapi\":\"3.");
        String swaggerConfig =
                get("/v3/api-docs/gateway/swagger-config", Map.of()).body();
        for (String service : new String[] {"users", "registry", "jobs", "files", "notifications", "monitoring"}) {
            assertThat(swaggerConfig).contains("/v3/api-docs/" + service);
        }
    }

    @Test
    void codeFollowsThePlatformArchitectureRules() {
        FedImputeArchitecture.rulesFor("org.fedimpute.gateway")
                .check(FedImputeArchitecture.importService("org.fedimpute.gateway"));
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        headers.forEach(request::header);
        try {
            return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("GET " + path + " failed", e);
        }
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(response.body())
                .contains("\"status\":" + status)
                .contains("\"requestId\":\"" + requestId + "\"")
                .doesNotContain("Exception");
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
