package org.fedimpute.platform.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.fedimpute.platform.clients.ServiceClients;
import org.fedimpute.test.infra.UseEmbeddedInfra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A call to another service carries this service's own token, obtained with its client id and secret from the token
 * endpoint once and reused while it is valid.
 */
@SpringBootTest
@UseEmbeddedInfra(redis = false)
class ServiceClientsTests {

    private static final List<String> tokenRequests = new CopyOnWriteArrayList<>();
    private static final List<String> apiAuthorizations = new CopyOnWriteArrayList<>();
    private static final HttpServer server = start();

    @Autowired
    private ServiceClients clients;

    @DynamicPropertySource
    static void tokenEndpoint(DynamicPropertyRegistry registry) {
        registry.add("fedimpute.service-client.secret", () -> "sample-secret");
        registry.add("fedimpute.service-client.token-uri", () -> baseUrl() + "/internal/service-tokens");
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Test
    void callsCarryTheServicesOwnTokenFetchedOnce() {
        var registry = clients.to(baseUrl(), Duration.ofSeconds(2), Duration.ofSeconds(5));
        assertThat(registry.get().uri("/internal/things/1").retrieve().body(String.class))
                .isEqualTo("thing");
        assertThat(registry.get().uri("/internal/things/2").retrieve().body(String.class))
                .isEqualTo("thing");

        assertThat(tokenRequests).hasSize(1);
        String basic = "Basic "
                + Base64.getEncoder().encodeToString("starter-sample:sample-secret".getBytes(StandardCharsets.UTF_8));
        assertThat(tokenRequests.getFirst()).isEqualTo(basic);
        assertThat(apiAuthorizations).containsExactly("Bearer service-token-1", "Bearer service-token-1");
    }

    private static String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static HttpServer start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            http.createContext("/internal/service-tokens", exchange -> {
                tokenRequests.add(exchange.getRequestHeaders().getFirst("Authorization"));
                respond(exchange, "application/json", """
                        {"access_token":"service-token-%d","token_type":"Bearer","expires_in":600}""".formatted(tokenRequests.size()));
            });
            http.createContext("/internal/things", exchange -> {
                apiAuthorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
                respond(exchange, "text/plain", "thing");
            });
            http.start();
            return http;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void respond(HttpExchange exchange, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
