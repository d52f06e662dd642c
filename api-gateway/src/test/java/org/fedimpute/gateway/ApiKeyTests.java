package org.fedimpute.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.fedimpute.test.security.TestJwtIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * API keys through the gateway against a stand-in user-service that speaks the real exchange contract: a good key
 * becomes a token the service sees instead of the key, a revoked one is 401, and tokens are reused for a while. Redis
 * is out of reach here, so allowances are counted in the gateway's own memory.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "fedimpute.gateway.api-keys.client-secret=test-secret",
            "spring.data.redis.port=1",
            "fedimpute.gateway.rate-limit.anonymous=" + ApiKeyTests.ANONYMOUS_ALLOWANCE
        })
class ApiKeyTests {

    static final int ANONYMOUS_ALLOWANCE = 20;

    private static final String GOOD_KEY = "fi_" + "g".repeat(43);
    private static final String REVOKED_KEY = "fi_" + "r".repeat(43);
    /** Another researcher's good key, for the test that must not change what the first key's test counts. */
    private static final String SCRIPT_KEY = "fi_" + "s".repeat(43);

    private static final UUID OWNER = UUID.randomUUID();
    private static final StubUserService users = new StubUserService();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("fedimpute.gateway.upstream.users", users::url);
        registry.add(
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                () -> TestJwtIssuer.get().jwksUri());
    }

    @AfterAll
    static void stop() {
        users.stop();
    }

    @Test
    void aGoodKeyReachesTheServiceAsATokenAndIsExchangedOnceWhileCached() {
        int exchangesBefore = users.exchanges.get();
        for (Map<String, String> headers :
                new Map[] {Map.of("X-API-Key", GOOD_KEY), Map.of("Authorization", "Bearer " + GOOD_KEY)}) {
            HttpResponse<String> response = GatewayCalls.to(port).get("/api/v1/users/me", headers);
            assertThat(response.statusCode()).isEqualTo(200);
            Map<String, Object> seen = EchoUpstream.parse(response.body());
            assertThat((String) seen.get("authorization"))
                    .startsWith("Bearer ey")
                    .doesNotContain(GOOD_KEY);
            assertThat(seen.get("apiKeyHeader")).isNull();
        }
        assertThat(users.exchanges.get() - exchangesBefore).isEqualTo(1);
        assertThat(users.serviceTokens.get()).isEqualTo(1);
    }

    @Test
    void aRevokedOrUnknownKeyIsA401ProblemAndTheServiceIsNotCalled() {
        int upstreamCallsBefore = users.apiCalls.get();
        HttpResponse<String> response = GatewayCalls.to(port).get("/api/v1/users/me", Map.of("X-API-Key", REVOKED_KEY));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("API key is not valid").doesNotContain(REVOKED_KEY);
        assertThat(users.apiCalls.get()).isEqualTo(upstreamCallsBefore);
    }

    @Test
    void aKeyTooLongToBeOneIsA401AndLeavesTheGatewaysOwnTokenAlone() {
        GatewayCalls calls = GatewayCalls.to(port);

        HttpResponse<String> response = calls.get("/api/v1/users/me", Map.of("X-API-Key", "fi_" + "x".repeat(300)));
        int serviceTokensAfterFirst = users.serviceTokens.get();

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("API key is not valid");
        assertThat(calls.get("/api/v1/users/me", Map.of("X-API-Key", "fi_" + "y".repeat(300)))
                        .statusCode())
                .isEqualTo(401);
        assertThat(users.serviceTokens.get())
                .as("the gateway's service token was kept: a refused key says nothing of it")
                .isEqualTo(serviceTokensAfterFirst);
    }

    @Test
    void refusedKeysUseUpTheirIpsAnonymousAllowanceAfterWhichNewKeysAreRefusedWithoutAnExchange() {
        GatewayCalls guesser = GatewayCalls.from("127.0.0.7", port);
        assertThat(guesser.get("/api/v1/users/me", Map.of("X-API-Key", SCRIPT_KEY))
                        .statusCode())
                .isEqualTo(200);
        int refusedBefore = users.refusedExchanges.get();
        for (int left = ANONYMOUS_ALLOWANCE - 1; left >= 0; left--) {
            HttpResponse<String> guess = guesser.get("/api/v1/users/me", Map.of("X-API-Key", "fi_guess" + left));
            assertThat(guess.statusCode()).isEqualTo(401);
            assertThat(guess.headers().firstValue("X-RateLimit-Limit")).hasValue(Integer.toString(ANONYMOUS_ALLOWANCE));
            assertThat(guess.headers().firstValue("X-RateLimit-Remaining")).hasValue(Integer.toString(left));
        }
        HttpResponse<String> overTheAllowance =
                guesser.get("/api/v1/users/me", Map.of("X-API-Key", "fi_one-guess-too-many"));
        GatewayCalls.assertProblem(overTheAllowance, 429);
        assertThat(overTheAllowance.headers().firstValue("Retry-After")).isPresent();
        assertThat(users.refusedExchanges.get() - refusedBefore).isEqualTo(ANONYMOUS_ALLOWANCE + 1);

        HttpResponse<String> next = guesser.get("/api/v1/users/me", Map.of("X-API-Key", "fi_and-another"));
        GatewayCalls.assertProblem(next, 429);
        assertThat(Long.parseLong(next.headers().firstValue("Retry-After").orElseThrow()))
                .isBetween(1L, 3600L);
        assertThat(users.refusedExchanges.get() - refusedBefore)
                .as("user-service was not asked about a key from an IP that used up its allowance")
                .isEqualTo(ANONYMOUS_ALLOWANCE + 1);
        assertThat(guesser.get("/api/v1/users/me", Map.of("X-API-Key", SCRIPT_KEY))
                        .statusCode())
                .as("a key the gateway holds a token for still works from there")
                .isEqualTo(200);
        assertThat(GatewayCalls.from("127.0.0.8", port)
                        .get("/api/v1/users/me", Map.of("X-API-Key", "fi_from-elsewhere"))
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void keyExchangesAndForwardedCallsAreBothInTheMetrics() {
        GatewayCalls calls = GatewayCalls.to(port);
        calls.get("/api/v1/users/me");
        calls.get("/api/v1/users/me", Map.of("X-API-Key", REVOKED_KEY));
        String metrics = calls.get("/actuator/prometheus").body();
        assertThat(metrics.lines())
                .anySatisfy(line -> assertThat(line)
                        .startsWith("http_client_requests_active_seconds_count{")
                        .contains("client_name="))
                .anySatisfy(line -> assertThat(line)
                        .startsWith("http_client_requests_seconds_count{")
                        .contains("client_name="))
                .anySatisfy(line -> assertThat(line)
                        .startsWith("spring_cloud_gateway_http_client_requests_seconds_count{")
                        .contains("spring_cloud_gateway_route_id=\"users\""));
    }

    /** A stand-in for user-service's service-token, key-exchange and profile endpoints. */
    static final class StubUserService {

        final AtomicInteger serviceTokens = new AtomicInteger();
        final AtomicInteger exchanges = new AtomicInteger();
        final AtomicInteger refusedExchanges = new AtomicInteger();
        final AtomicInteger apiCalls = new AtomicInteger();
        private final HttpServer server;

        StubUserService() {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            String basic = "Basic "
                    + Base64.getEncoder().encodeToString("api-gateway:test-secret".getBytes(StandardCharsets.UTF_8));
            server.createContext("/internal/service-tokens", exchange -> {
                if (!basic.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                    respond(exchange, 401, "{}");
                    return;
                }
                serviceTokens.incrementAndGet();
                respond(exchange, 200, "{\"access_token\":\"svc-token\",\"token_type\":\"Bearer\",\"expires_in\":600}");
            });
            server.createContext("/internal/api-keys/exchange", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                if (body.length() > 250) {
                    // user-service's request validation: a key is at most 200 characters.
                    respond(exchange, 400, "{\"status\":400}");
                    return;
                }
                if (!"Bearer svc-token".equals(exchange.getRequestHeaders().getFirst("Authorization"))
                        || !(body.contains(GOOD_KEY) || body.contains(SCRIPT_KEY))) {
                    refusedExchanges.incrementAndGet();
                    respond(exchange, 401, "{\"status\":401}");
                    return;
                }
                exchanges.incrementAndGet();
                String token = TestJwtIssuer.get().researcher(OWNER);
                respond(exchange, 200, "{\"accessToken\":\"" + token + "\",\"expiresIn\":300}");
            });
            server.createContext("/api/v1/users", exchange -> {
                apiCalls.incrementAndGet();
                String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                String apiKeyHeader = exchange.getRequestHeaders().getFirst("X-API-Key");
                respond(
                        exchange,
                        200,
                        "{\"authorization\":\"" + authorization + "\",\"apiKeyHeader\":"
                                + (apiKeyHeader == null ? "null" : "\"" + apiKeyHeader + "\"") + "}");
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        void stop() {
            server.stop(0);
        }

        private static void respond(HttpExchange exchange, int status, String json) throws IOException {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
