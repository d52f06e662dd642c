package org.fedimpute.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.fedimpute.test.security.TestJwtIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A service that accepts connections but never answers costs a caller at most the response timeout (504), and
 * after repeated failures its route's circuit opens and answers 503 at once, while other routes keep working. A
 * service that hangs up without answering (killed mid-request) is a 503 to retry, never a 500.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.cloud.gateway.server.webflux.httpclient.response-timeout=400ms",
            "fedimpute.gateway.circuit-breaker.sliding-window-size=2",
            "fedimpute.gateway.circuit-breaker.minimum-number-of-calls=2",
            "fedimpute.gateway.circuit-breaker.wait-duration-in-open-state=30s"
        })
class ResilienceTests {

    private static final Duration RESPONSE_TIMEOUT = Duration.ofMillis(400);

    private static final EchoUpstream upstream = new EchoUpstream("echo");
    private static final ServerSocket silent = silentServer();
    private static final ServerSocket hangingUp = hangingUpServer();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        for (String service : List.of("users", "registry", "monitoring")) {
            registry.add("fedimpute.gateway.upstream." + service, upstream::url);
        }
        registry.add("fedimpute.gateway.upstream.files", ResilienceTests::silentUrl);
        registry.add("fedimpute.gateway.upstream.jobs", ResilienceTests::silentUrl);
        registry.add("fedimpute.gateway.upstream.notifications", () -> "http://127.0.0.1:" + hangingUp.getLocalPort());
        registry.add(
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                () -> TestJwtIssuer.get().jwksUri());
        registry.add("spring.data.redis.port", GatewayCalls::freePort);
    }

    @AfterAll
    static void stopServers() throws IOException {
        upstream.close();
        silent.close();
        hangingUp.close();
    }

    @Test
    void aServiceThatNeverAnswersIsCutOffAtTheResponseTimeoutWithA504Problem() {
        long started = System.nanoTime();
        HttpResponse<String> response = GatewayCalls.to(port).get("/api/v1/files/abc");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        GatewayCalls.assertProblem(response, 504);
        assertThat(took).isGreaterThanOrEqualTo(RESPONSE_TIMEOUT);
    }

    @Test
    void repeatedFailuresOpenTheRoutesCircuitWhichThenAnswers503AtOnce() {
        GatewayCalls calls = GatewayCalls.to(port);
        for (int i = 0; i < 2; i++) {
            GatewayCalls.assertProblem(calls.get("/api/v1/jobs"), 504);
        }
        long started = System.nanoTime();
        HttpResponse<String> open = calls.get("/api/v1/jobs");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        GatewayCalls.assertProblem(open, 503);
        assertThat(open.headers().firstValue("Retry-After")).isPresent();
        assertThat(took).isLessThan(RESPONSE_TIMEOUT);

        HttpResponse<String> otherRoute = calls.get("/api/v1/services");
        assertThat(otherRoute.statusCode()).isEqualTo(200);
    }

    @Test
    void aServiceThatHangsUpWithoutAnsweringIsA503ToRetry() {
        HttpResponse<String> response = GatewayCalls.to(port).get("/api/v1/notifications");
        GatewayCalls.assertProblem(response, 503);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
    }

    private static String silentUrl() {
        return "http://127.0.0.1:" + silent.getLocalPort();
    }

    /** Reads the start of each request and closes the connection without a word, as a killed process does. */
    private static ServerSocket hangingUpServer() {
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try (Socket connection = server.accept()) {
                        connection.getInputStream().read(new byte[8192]);
                    } catch (IOException closed) {
                        // the test class is done with it
                    }
                }
            });
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Accepts connections into its backlog and never reads or answers. */
    private static ServerSocket silentServer() {
        try {
            return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
