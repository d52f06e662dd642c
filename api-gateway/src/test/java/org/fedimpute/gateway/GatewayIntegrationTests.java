package org.fedimpute.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.fedimpute.test.architecture.FedImputeArchitecture;
import org.fedimpute.test.security.TestJwtIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway booted for real in front of echoing upstreams, one per service, and one service that is down; Redis
 * is down from the start, so rate limits are counted in the instance.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayIntegrationTests {

    private static final Map<String, EchoUpstream> upstreams = Stream.of(
                    "users", "registry", "jobs", "files", "notifications")
            .collect(Collectors.toMap(name -> name, EchoUpstream::new));
    private static final int closedPort = GatewayCalls.freePort();

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Value("${fedimpute.gateway.rate-limit.anonymous}")
    long anonymousLimit;

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        upstreams.forEach((name, upstream) -> registry.add("fedimpute.gateway.upstream." + name, upstream::url));
        registry.add("fedimpute.gateway.upstream.monitoring", () -> "http://127.0.0.1:" + closedPort);
        registry.add(
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                () -> TestJwtIssuer.get().jwksUri());
        registry.add("spring.data.redis.port", () -> closedPort);
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
        "/ga4gh/registry/v1/services, registry",
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
        Map<String, String> headers = path.startsWith("/api/v1/admin/")
                ? GatewayCalls.bearer(TestJwtIssuer.get().admin(UUID.randomUUID()))
                : Map.of();
        HttpResponse<String> response = get(path, headers);
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> seen = EchoUpstream.parse(response.body());
        assertThat(seen).containsEntry("upstream", service).containsEntry("path", path);
    }

    @Test
    void manyConcurrentCallsToOneSlowServiceAllGetThrough() throws Exception {
        List<Integer> statuses = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (var clients = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 60; i++) {
                clients.submit(
                        () -> statuses.add(get("/api/v1/files/slow", Map.of()).statusCode()));
            }
        }
        assertThat(statuses).hasSize(60).containsOnly(200);
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
    void aServiceLearnsTheCallersAddressFromTheGatewayNotFromTheCaller() {
        Map<String, Object> seen = EchoUpstream.parse(get(
                        "/api/v1/files",
                        Map.of("X-Forwarded-For", "203.0.113.66", "Forwarded", "for=203.0.113.66;proto=https"))
                .body());

        assertThat(seen).containsEntry("forwardedFor", List.of("127.0.0.1")).containsEntry("forwarded", null);
    }

    @Test
    void identityHeadersFromOutsideNeverReachAService() {
        List<String> identityHeaders = List.of(
                "X-User-Id",
                "X-User-Roles",
                "X-User-Tier",
                "X-Authenticated-User",
                "X-Forwarded-User",
                "X-Service-Token");
        Map<String, String> claimed = identityHeaders.stream()
                .collect(
                        Collectors.toMap(name -> name, name -> UUID.randomUUID().toString()));
        Map<String, Object> seen =
                EchoUpstream.parse(get("/api/v1/files", claimed).body());
        assertThat(seen).containsEntry("userIdHeader", null);
        assertThat(seen.get("headerNames"))
                .asInstanceOf(InstanceOfAssertFactories.list(String.class))
                .isNotEmpty()
                .doesNotContainAnyElementsOf(identityHeaders.stream()
                        .map(name -> name.toLowerCase(Locale.ROOT))
                        .toList());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/ga4gh/registry/v1/service-info",
                "/ga4gh/registry/v1/services",
                "/ga4gh/registry/v1/services/types",
                "/ga4gh/registry/v1/services/michigan"
            })
    void theGa4ghServiceRegistryApiIsForwardedToTheRegistryWithoutAToken(String path) {
        HttpResponse<String> response = GatewayCalls.from("127.0.0.5", port).get(path);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(EchoUpstream.parse(response.body()))
                .containsEntry("upstream", "registry")
                .containsEntry("path", path)
                .containsEntry("authorization", null);
        assertThat(response.headers().firstValue("X-RateLimit-Limit")).hasValue(Long.toString(anonymousLimit));
    }

    @Test
    void internalAndUnknownPathsAreAProblemWith404() {
        for (String path :
                new String[] {"/internal/users/1/external-tokens", "/api/v2/jobs", "/api/v1/admin/secrets"}) {
            HttpResponse<String> response =
                    get(path, GatewayCalls.bearer(TestJwtIssuer.get().admin(UUID.randomUUID())));
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            GatewayCalls.assertProblem(response, 404);
        }
    }

    @Test
    void aServiceThatIsDownIsADocumented503Problem() {
        HttpResponse<String> response = get("/api/v1/monitoring/overview", Map.of());
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        GatewayCalls.assertProblem(response, 503);
        assertThat(response.body()).contains("not reachable");
    }

    @Test
    void healthAndMetricsAreServedWithTheApplicationTag() {
        assertThat(get("/actuator/health/readiness", Map.of()).body()).contains("\"UP\"");
        assertThat(get("/actuator/health/liveness", Map.of()).body()).contains("\"UP\"");
        assertThat(get("/actuator/prometheus", Map.of()).body())
                .contains("application=\"api-gateway\"")
                .as("latency buckets for the p95 panels and alert")
                .contains("http_server_requests_seconds_bucket{");
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
    void theGatewayStartsAndServesWithoutRedisCountingLocally() {
        HttpResponse<String> response = get("/api/v1/services", Map.of());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-RateLimit-Limit")).hasValue("100");
        assertThat(response.headers().firstValue("X-RateLimit-Remaining")).isPresent();
        assertThat(meters.get("fedimpute.gateway.ratelimit.fallback").gauge().value())
                .isEqualTo(1.0);
    }

    @Test
    void noCrossOriginAccessUnlessConfigured() {
        HttpResponse<String> preflight = GatewayCalls.to(port)
                .send(HttpRequest.newBuilder(GatewayCalls.to(port).uri("/api/v1/jobs"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", "https://elsewhere.example")
                        .header("Access-Control-Request-Method", "GET")
                        .build());
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .isEmpty();
        HttpResponse<String> call = get("/api/v1/jobs", Map.of("Origin", "https://elsewhere.example"));
        assertThat(call.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void codeFollowsThePlatformArchitectureRules() {
        FedImputeArchitecture.rulesFor("org.fedimpute.gateway")
                .check(FedImputeArchitecture.importService("org.fedimpute.gateway"));
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) {
        return GatewayCalls.to(port).get(path, headers);
    }
}
