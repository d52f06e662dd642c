package org.fedimpute.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;
import org.fedimpute.test.infra.UseEmbeddedInfra;
import org.fedimpute.test.security.TestJwtIssuer;
import org.fedimpute.test.service.ServiceCalls;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The registry booted on embedded PostgreSQL and Redis, called over HTTP as the gateway would, for the feature tests.
 * Feature test classes with no configuration of their own share one context and database, so each test names its
 * services (and populations) uniquely.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UseEmbeddedInfra(isolation = UseEmbeddedInfra.Isolation.CONTEXT)
@TestPropertySource(properties = "fedimpute.registry.secrets.key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=")
public abstract class RegistryApiTest {

    protected static final TestJwtIssuer TOKENS = TestJwtIssuer.get();

    @LocalServerPort
    protected int port;

    @Autowired
    protected JsonMapper json;

    @Autowired
    protected JdbcTemplate jdbc;

    protected final String admin = TOKENS.admin(UUID.randomUUID());

    @DynamicPropertySource
    static void tokensFromTheTestIssuer(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", TOKENS::jwksUri);
    }

    protected String researcher() {
        return TOKENS.researcher(UUID.randomUUID());
    }

    /** Registers a service through the admin API and answers its id. */
    protected UUID register(String serviceRequest) {
        return UUID.fromString(body(call("POST", "/api/v1/admin/services", admin, serviceRequest), 201)
                .get("id")
                .asString());
    }

    /** Enters a panel through the admin API and answers its id. */
    protected UUID enterPanel(UUID serviceId, String panelRequest) {
        return UUID.fromString(body(
                        call("POST", "/api/v1/admin/services/" + serviceId + "/reference-panels", admin, panelRequest),
                        201)
                .get("id")
                .asString());
    }

    protected HttpResponse<String> get(String path, String token) {
        return call("GET", path, token, null);
    }

    /** A call with a bearer token and a JSON body, each only if given. */
    protected HttpResponse<String> call(String method, String path, String token, String body) {
        return new ServiceCalls(port).call(method, path, token, body);
    }

    protected JsonNode body(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return json.readTree(response.body());
    }

    /** An RFC 9457 problem with this status, the platform's request id and nothing of the server's internals. */
    protected static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body())
                .contains("\"status\":" + status)
                .contains("\"title\":")
                .contains("\"requestId\":\"")
                .doesNotContain("Exception");
    }
}
