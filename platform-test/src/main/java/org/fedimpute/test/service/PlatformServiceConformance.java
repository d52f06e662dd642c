package org.fedimpute.test.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.fedimpute.test.architecture.FedImputeArchitecture;
import org.fedimpute.test.infra.UseEmbeddedInfra;
import org.fedimpute.test.security.TestJwtIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What every FedImpute service behind the gateway must do from its first day, checked against the service booted
 * for real on embedded PostgreSQL and Redis: health probes, its own schema and role, metrics with the application
 * tag, OpenAPI, token validation, problem answers with request ids, and the architecture rules. A service's
 * integration test extends this class from the service's root package and adds its own checks.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UseEmbeddedInfra
public abstract class PlatformServiceConformance {

    @LocalServerPort
    protected int port;

    @Autowired
    protected DataSource dataSource;

    @Value("${fedimpute.database.schema}")
    protected String schema;

    @Value("${spring.application.name}")
    protected String applicationName;

    private final String expectedSchema;
    private final List<String> expectedTables;

    /**
     * @param expectedSchema the schema (and role) the service must own
     * @param expectedTables tables its migrations must have created there
     */
    protected PlatformServiceConformance(String expectedSchema, String... expectedTables) {
        this.expectedSchema = expectedSchema;
        this.expectedTables = List.of(expectedTables);
    }

    @DynamicPropertySource
    static void tokensFromTheTestIssuer(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                () -> TestJwtIssuer.get().jwksUri());
    }

    @Test
    void livenessAndReadinessAreUp() {
        assertThat(get("/actuator/health/liveness", null).body()).contains("\"UP\"");
        assertThat(get("/actuator/health/readiness", null).body()).contains("\"UP\"");
        HttpResponse<String> health = get("/actuator/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void migrationsRanIntoTheServicesOwnSchemaAsItsOwnRole() {
        assertThat(schema).isEqualTo(expectedSchema);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        assertThat(jdbc.queryForObject("SELECT current_user", String.class)).isEqualTo(schema);
        assertThat(jdbc.queryForObject("SHOW server_version", String.class)).startsWith("17.");
        List<Map<String, Object>> migrations = jdbc.queryForList("SELECT version, success FROM " + schema
                + ".flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank");
        assertThat(migrations).isNotEmpty();
        assertThat(migrations.getFirst()).containsEntry("version", "1");
        assertThat(migrations).allSatisfy(row -> assertThat(row).containsEntry("success", true));
        assertThat(jdbc.queryForList("SELECT tablename FROM pg_tables WHERE schemaname = ?", String.class, schema))
                .containsAll(expectedTables);
        List<String> owners = jdbc.queryForList(
                "SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = ?", String.class, schema);
        assertThat(owners).containsExactly(schema);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", Integer.class))
                .isZero();
    }

    @Test
    void prometheusMetricsCarryTheApplicationTagAndLatencyBuckets() {
        get("/actuator/health/liveness", null);
        HttpResponse<String> scrape = get("/actuator/prometheus", null);
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body())
                .contains("application=\"" + applicationName + "\"")
                .as("request latency buckets, which the p95 dashboards and alert need")
                .contains("http_server_requests_seconds_bucket{");
    }

    @Test
    void openApiDescriptionIsServed() {
        HttpResponse<String> docs = get("/v3/api-docs", null);
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body())
                .contains("\"openapi\":\"3.")
                .contains("\"title\":\"FedImpute " + applicationName + "\"")
                .contains("\"scheme\":\"bearer\"");
    }

    @Test
    void aCallWithoutTokenIsAProblemWith401() {
        HttpResponse<String> response = get("/api/v1/anything", null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertProblem(response, 401);
    }

    @Test
    void aForgedTokenIsRejected() {
        String token = researcherToken();
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
        assertThat(get("/api/v1/anything", forged).statusCode()).isEqualTo(401);
    }

    @Test
    void anUnknownPathIsAProblemWith404CarryingTheRequestId() {
        HttpResponse<String> response = get("/api/v1/no-such-thing", researcherToken());
        assertThat(response.statusCode()).isEqualTo(404);
        assertProblem(response, 404);
        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(response.body()).contains("\"requestId\":\"" + requestId + "\"");
    }

    @Test
    void adminPathsAreForAdminsOnly() {
        HttpResponse<String> response = get("/api/v1/admin/anything", researcherToken());
        assertThat(response.statusCode()).isEqualTo(403);
        assertProblem(response, 403);
    }

    @Test
    void internalPathsAreForThePlatformsServicesOnly() {
        HttpResponse<String> response = get("/internal/anything", researcherToken());
        assertThat(response.statusCode()).isEqualTo(403);
        assertProblem(response, 403);
    }

    @Test
    void theGatewaysRequestIdIsKeptAndAMalformedOneReplaced() throws Exception {
        String fromGateway = UUID.randomUUID().toString();
        assertThat(requestIdEchoedFor(fromGateway)).isEqualTo(fromGateway);
        assertThat(requestIdEchoedFor("bad id\r\nX-Injected: 1")).isNotBlank().doesNotContain(" ");
    }

    @Test
    void codeFollowsThePlatformArchitectureRules() {
        String servicePackage = getClass().getPackageName();
        JavaClasses classes = FedImputeArchitecture.importService(servicePackage);
        FedImputeArchitecture.rulesFor(servicePackage).check(classes);
    }

    /**
     * A valid researcher's token for the service under test: by default from {@link TestJwtIssuer}, whose JWKS
     * the service is pointed at; a service that validates tokens otherwise (user-service, the issuer) overrides it.
     */
    protected String researcherToken() {
        return TestJwtIssuer.get().researcher(UUID.randomUUID());
    }

    /** A GET against the service under test, with a bearer token if one is given. */
    protected HttpResponse<String> get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.GET().build());
    }

    protected static HttpResponse<String> send(HttpRequest request) {
        return ServiceCalls.send(request);
    }

    protected static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body())
                .contains("\"status\":" + status)
                .contains("\"requestId\":\"")
                .doesNotContain("Exception")
                .doesNotContain("at org.");
    }

    private String requestIdEchoedFor(String incoming) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .header("X-Request-Id", incoming.replace("\r\n", " "))
                .GET()
                .build();
        return send(request).headers().firstValue("X-Request-Id").orElseThrow();
    }
}
