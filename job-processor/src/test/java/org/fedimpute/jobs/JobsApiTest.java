package org.fedimpute.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.fedimpute.test.infra.UseEmbeddedInfra;
import org.fedimpute.test.security.TestJwtIssuer;
import org.fedimpute.test.service.ServiceCalls;
import org.fedimpute.test.time.MovableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * job-processor booted on embedded PostgreSQL and Redis with the registry, user-service and file-manager stubbed by
 * one WireMock server and a scripted remote server, called over HTTP as the gateway would. Feature test classes share
 * one context and database, so each test uses its own users, services, files and job names.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UseEmbeddedInfra(isolation = UseEmbeddedInfra.Isolation.CONTEXT)
@Import(ScriptedRemoteConfiguration.class)
public abstract class JobsApiTest {

    protected static final TestJwtIssuer TOKENS = TestJwtIssuer.get();
    protected static final WireMockServer PEERS = PeerStubs.start();

    @LocalServerPort
    protected int port;

    @Autowired
    protected JsonMapper json;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected ScriptedRemoteServer remote;

    @Autowired
    protected MovableClock clock;

    protected final PeerStubs peers = new PeerStubs(PEERS);

    @DynamicPropertySource
    static void peersAndTokens(DynamicPropertyRegistry registry) {
        PeerStubs.register(registry, PEERS, TOKENS);
    }

    protected static String researcher(UUID userId) {
        return TOKENS.researcher(userId);
    }

    protected static String premium(UUID userId) {
        return TOKENS.mint(userId.toString(), List.of("RESEARCHER"), "PREMIUM", Duration.ofMinutes(15));
    }

    protected static String admin() {
        return TOKENS.admin(UUID.randomUUID());
    }

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A submission's JSON for the service's default panel on hg38. */
    protected static String submission(String name, String service, UUID... fileIds) {
        return submission(name, service, PeerStubs.panelKey(service), "hg38", "afr", fileIds);
    }

    protected static String submission(
            String name, String service, String panel, String build, String population, UUID... fileIds) {
        return """
                {"name":"%s","description":"test job","service":"%s","referencePanel":"%s","build":"%s",
                 "population":"%s","phasing":"eagle","r2Filter":"0.3","mode":"imputation","fileIds":[%s]}
                """.formatted(
                        name,
                        service,
                        panel,
                        build,
                        population,
                        String.join(
                                ",",
                                java.util.Arrays.stream(fileIds)
                                        .map(id -> "\"" + id + "\"")
                                        .toList()));
    }

    /** Registers a token-requiring service, gives the user a token and a valid file, and submits; answers the job. */
    protected JsonNode submitReadyJob(UUID user, String token, String name) {
        String service = unique("svc");
        peers.service(service, true, true);
        return submitJob(user, token, name, service);
    }

    /** Gives the user a token for the already registered service and a valid file, and submits; answers the job. */
    protected JsonNode submitJob(UUID user, String token, String name, String service) {
        peers.token(user, service);
        UUID file = peers.file(user, "VALID", null);
        return body(call("POST", "/api/v1/jobs", token, submission(name, service, file)), 201);
    }

    protected JsonNode awaitStatus(String jobId, String token, String status) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> body(call("GET", "/api/v1/jobs/" + jobId, token, null), 200)
                        .get("status")
                        .asString()
                        .equals(status));
        return body(call("GET", "/api/v1/jobs/" + jobId, token, null), 200);
    }

    /** The job's transitions as "from>to" ("null>PENDING" for the first), oldest first. */
    protected List<String> transitions(String jobId, String token) {
        return history(jobId, token).stream()
                .map(entry ->
                        (entry.get("from").isNull() ? "null" : entry.get("from").asString()) + ">"
                                + entry.get("to").asString())
                .toList();
    }

    protected List<JsonNode> history(String jobId, String token) {
        return body(call("GET", "/api/v1/jobs/" + jobId + "/history", token, null), 200)
                .valueStream()
                .toList();
    }

    protected List<String> eventTypes(String jobId) {
        return jdbc.queryForList(
                "SELECT type FROM event_outbox WHERE subject = ? ORDER BY created_at", String.class, jobId);
    }

    protected HttpResponse<String> call(String method, String path, String token, String body) {
        return new ServiceCalls(port).call(method, path, token, body);
    }

    protected JsonNode body(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return json.readTree(response.body());
    }

    /** An RFC 9457 problem with this status and the platform's request id. */
    protected JsonNode problem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"requestId\":\"").doesNotContain("Exception");
        return json.readTree(response.body());
    }

    /** Asserts the problem names this field with a message containing {@code reason}. */
    protected void assertFieldProblem(HttpResponse<String> response, int status, String field, String reason) {
        JsonNode error = problem(response, status).get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo(field);
        assertThat(error.get("message").asString()).contains(reason);
    }
}
