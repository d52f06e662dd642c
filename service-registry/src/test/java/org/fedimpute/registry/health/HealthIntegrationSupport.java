package org.fedimpute.registry.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.fedimpute.registry.services.ServiceCatalogue;
import org.fedimpute.registry.services.ServiceEndpoint;
import org.fedimpute.registry.services.ServiceKind;
import org.fedimpute.registry.services.ServiceRequest;
import org.fedimpute.test.infra.UseEmbeddedInfra;
import org.fedimpute.test.security.TestJwtIssuer;
import org.fedimpute.test.time.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The registry booted once for all health tests (one context, one database), with a clock the tests can stop, and
 * the helpers they share: registering services and calling the API as an admin or a researcher. The database is
 * shared, so each test works with services of its own and a cycle also probes the other tests' services.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UseEmbeddedInfra(isolation = UseEmbeddedInfra.Isolation.CONTEXT)
@TestPropertySource(properties = "fedimpute.registry.secrets.key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=")
abstract class HealthIntegrationSupport {

    static final MovableClock CLOCK = new MovableClock();

    private static final HttpClient http = HttpClient.newHttpClient();

    @TestBean
    Clock clock;

    @LocalServerPort
    int port;

    @Autowired
    ServiceCatalogue catalogue;

    @Autowired
    HealthMonitor monitor;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JsonMapper json;

    final String admin = TestJwtIssuer.get().admin(UUID.randomUUID());
    final String researcher = TestJwtIssuer.get().researcher(UUID.randomUUID());

    static Clock clock() {
        return CLOCK;
    }

    @DynamicPropertySource
    static void tokensFromTheTestIssuer(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                () -> TestJwtIssuer.get().jwksUri());
    }

    @AfterEach
    void releaseTheClock() {
        CLOCK.reset();
    }

    ServiceEndpoint register(String slug, ServiceKind kind, String baseUrl) {
        return register(slug, kind, baseUrl, null, true);
    }

    ServiceEndpoint register(String slug, ServiceKind kind, String baseUrl, Integer readTimeoutMs, boolean active) {
        return catalogue.registerIfAbsent(new ServiceRequest(
                slug,
                "Service " + slug,
                kind,
                baseUrl,
                null,
                null,
                null,
                List.of("hg38"),
                List.of("vcf.gz"),
                null,
                false,
                active,
                1_000,
                readTimeoutMs));
    }

    HttpResponse<String> get(String path, String token) {
        return send(request(path, token).GET().build());
    }

    HttpResponse<String> post(String path, String token) {
        return send(
                request(path, token).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    JsonNode body(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return json.readTree(response.body());
    }

    static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }

    private HttpRequest.Builder request(String path, String token) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("Request to " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }
}
