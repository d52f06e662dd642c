package org.fedimpute.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fedimpute.events.EventEnvelope;
import org.fedimpute.events.EventStream;
import org.fedimpute.events.JobFailed;
import org.fedimpute.events.PlatformEvent;
import org.fedimpute.test.concurrency.AtOnce;
import org.fedimpute.test.security.TestJwtIssuer;
import org.fedimpute.test.service.PlatformServiceConformance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * service-registry booted on embedded PostgreSQL and Redis: the platform's conformance checks, then the admin's
 * catalogue and the researcher's view of it over HTTP, including the input it must refuse.
 */
@TestPropertySource(properties = "fedimpute.registry.secrets.key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=")
class ServiceRegistryIntegrationTests extends PlatformServiceConformance {

    private static final TestJwtIssuer TOKENS = TestJwtIssuer.get();

    @Autowired
    private JsonMapper json;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private StringRedisTemplate redis;

    ServiceRegistryIntegrationTests() {
        super(
                "registry",
                "event_outbox",
                "imputation_service",
                "reference_panel",
                "service_status",
                "health_check",
                "panel_sync",
                "job_outcome",
                "processed_event");
    }

    private final String admin = TOKENS.admin(UUID.randomUUID());

    @Test
    void anAdminRegistersAServiceAndResearchersFindItByBuildAndPopulation() {
        JsonNode created = body(send("POST", "/api/v1/admin/services", admin, service("h3africa", "MICHIGAN")), 201);
        assertThat(created.get("michiganAppId").asString()).isEqualTo("imputationserver2");
        assertThat(created.get("requiresUserToken").asBoolean()).isTrue();
        assertThat(created.get("baseUrl").asString()).isEqualTo("https://h3africa.example.org");
        String id = created.get("id").asString();

        body(send("POST", "/api/v1/admin/services/" + id + "/reference-panels", admin, """
                        {"remoteKey":"apps@h3africa-v6hc-s@1.0.0","displayName":"H3Africa v6","build":"hg38",
                         "populations":["afr","mixed"],"sampleCount":4447}
                        """), 201);

        String researcher = researcherToken();
        JsonNode list = body(get("/api/v1/services?build=hg38&population=AFR", researcher), 200);
        assertThat(slugs(list)).contains("h3africa");
        assertThat(slugs(body(get("/api/v1/services?population=eas", researcher), 200)))
                .doesNotContain("h3africa");
        assertThat(slugs(body(get("/api/v1/services?healthy=true", researcher), 200)))
                .doesNotContain("h3africa");

        JsonNode one = body(get("/api/v1/services/h3africa", researcher), 200);
        assertThat(one.get("status").get("health").asString()).isEqualTo("UNKNOWN");
        assertThat(one.get("panels").get(0).get("remoteKey").asString()).isEqualTo("apps@h3africa-v6hc-s@1.0.0");
        assertThat(one.get("populations").toString()).isEqualTo("[\"afr\",\"mixed\"]");
        assertThat(one.has("catalogueToken")).isFalse();
    }

    @Test
    void aServiceSwitchedOffDisappearsForResearchersButNotForAdmins() {
        String id = body(send("POST", "/api/v1/admin/services", admin, service("paused-node", "GA4GH_WES")), 201)
                .get("id")
                .asString();
        body(
                send(
                        "PUT",
                        "/api/v1/admin/services/" + id,
                        admin,
                        service("paused-node", "GA4GH_WES").replace("\"active\":true", "\"active\":false")),
                200);
        assertProblem(get("/api/v1/services/paused-node", researcherToken()), 404);
        assertThat(slugs(body(get("/api/v1/services?size=100", researcherToken()), 200)))
                .doesNotContain("paused-node");
        assertThat(slugs(body(get("/api/v1/admin/services?size=100", admin), 200)))
                .contains("paused-node");
    }

    @Test
    void theCatalogueTokenIsStoredEncryptedAndNeverReturned() {
        String id = body(send("POST", "/api/v1/admin/services", admin, service("tokened", "MICHIGAN")), 201)
                .get("id")
                .asString();
        HttpResponse<String> stored = send(
                "PUT", "/api/v1/admin/services/" + id + "/catalogue-token", admin, "{\"token\":\"eyJ-secret-token\"}");
        assertThat(stored.statusCode()).isEqualTo(200);
        assertThat(stored.body()).doesNotContain("eyJ-secret-token").contains("\"hasCatalogueToken\":true");
        byte[] atRest = jdbc.queryForObject(
                "SELECT catalogue_token FROM imputation_service WHERE id = ?", byte[].class, UUID.fromString(id));
        assertThat(new String(atRest, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("secret-token");
    }

    @Test
    void otherServicesLookUpASlugWithAServiceTokenOnly() {
        body(send("POST", "/api/v1/admin/services", admin, service("lookup-me", "MICHIGAN")), 201);
        String serviceToken = TOKENS.mint("user-service", List.of("SERVICE"), null, java.time.Duration.ofMinutes(1));
        JsonNode found = body(get("/internal/services/lookup-me", serviceToken), 200);
        assertThat(found.get("kind").asString()).isEqualTo("MICHIGAN");
        assertThat(found.get("baseUrl").asString()).isEqualTo("https://lookup-me.example.org");
        assertThat(found.get("requiresUserToken").asBoolean()).isTrue();
        assertThat(found.get("connectTimeoutMs").asLong()).isPositive();
        assertThat(found.get("readTimeoutMs").asLong()).isPositive();
        assertThat(found.get("panels").isEmpty()).isTrue();
        String id = found.get("id").asString();
        body(send("POST", "/api/v1/admin/services/" + id + "/reference-panels", admin, """
                        {"remoteKey":"apps@lookup-panel@1.0.0","displayName":"Lookup panel","build":"hg38",
                         "populations":["afr","mixed"]}
                        """), 201);
        JsonNode panel = body(get("/internal/services/lookup-me", serviceToken), 200)
                .get("panels")
                .get(0);
        assertThat(panel.get("remoteKey").asString()).isEqualTo("apps@lookup-panel@1.0.0");
        assertThat(panel.get("name").asString()).isEqualTo("Lookup panel");
        assertThat(panel.get("builds").toString()).isEqualTo("[\"hg38\"]");
        assertThat(panel.get("populations").toString()).isEqualTo("[\"afr\",\"mixed\"]");
        assertThat(panel.get("available").asBoolean()).isTrue();
        assertProblem(get("/internal/services/no-such-service", serviceToken), 404);
        assertProblem(get("/internal/services/lookup-me", researcherToken()), 403);
    }

    @Test
    void badInputIsRefusedWithAProblemAndChangesNothing() {
        int before = jdbc.queryForObject("SELECT count(*) FROM imputation_service", Integer.class);
        assertInvalid(service("bad-url", "MICHIGAN").replace("https://bad-url.example.org", "ftp://x"), "baseUrl");
        assertInvalid(service("bad-url", "MICHIGAN").replace("https://bad-url.example.org", "not a url"), "baseUrl");
        assertInvalid(
                service("creds", "MICHIGAN").replace("https://creds.example.org", "https://u:p@creds.example.org"),
                "baseUrl");
        assertInvalid(service("Bad_Slug", "MICHIGAN"), "slug");
        assertInvalid(
                service("negative", "MICHIGAN").replace("\"maxUploadBytes\":1000000", "\"maxUploadBytes\":-5"),
                "maxUploadBytes");
        assertInvalid(service("builds", "MICHIGAN").replace("\"hg38\"", "\"hg37\""), "supportedBuilds[1]");
        assertInvalid(service("discover", "MICHIGAN"), "slug");
        assertProblem(send("POST", "/api/v1/admin/services", admin, service("unknown-kind", "SLURM")), 400);
        assertProblem(send("POST", "/api/v1/admin/services", admin, "{not json"), 400);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM imputation_service", Integer.class))
                .isEqualTo(before);

        body(send("POST", "/api/v1/admin/services", admin, service("taken", "MICHIGAN")), 201);
        assertInvalid(service("taken", "MICHIGAN"), "slug");
        assertProblem(get("/api/v1/services?kind=SLURM", researcherToken()), 400);
        assertProblem(get("/api/v1/services?size=1000", researcherToken()), 400);
    }

    @Test
    void aSlugRegisteredByManyAdminsAtOnceGivesOneServiceAndTheOthersAClearRefusal() throws Exception {
        for (int round = 0; round < 3; round++) {
            String slug = "rush-" + round;
            assertOneCreatedAndTheRestRefused(atOnce("/api/v1/admin/services", service(slug, "MICHIGAN")), "slug");
            assertThat(jdbc.queryForObject(
                            "SELECT count(*) FROM imputation_service WHERE slug = ?", Integer.class, slug))
                    .isEqualTo(1);
        }
    }

    @Test
    void aPanelEnteredByManyAdminsAtOnceIsEnteredOnceAndTheOthersGetAClearRefusal() throws Exception {
        String id = body(send("POST", "/api/v1/admin/services", admin, service("panel-rush", "MICHIGAN")), 201)
                .get("id")
                .asString();
        for (int round = 0; round < 3; round++) {
            String key = "apps@rush-" + round + "@1.0.0";
            assertOneCreatedAndTheRestRefused(
                    atOnce("/api/v1/admin/services/" + id + "/reference-panels", """
                            {"remoteKey":"%s","displayName":"Rush panel","build":"hg38","populations":["afr"]}
                            """.formatted(key)), "remoteKey");
            assertThat(jdbc.queryForObject(
                            "SELECT count(*) FROM reference_panel WHERE remote_key = ?", Integer.class, key))
                    .isEqualTo(1);
        }
    }

    /** The same admin POST sent by eight callers released at the same moment. */
    private List<HttpResponse<String>> atOnce(String path, String body) throws Exception {
        return AtOnce.times(8, () -> send("POST", path, admin, body));
    }

    private static void assertOneCreatedAndTheRestRefused(List<HttpResponse<String>> answers, String field) {
        assertThat(answers).filteredOn(answer -> answer.statusCode() == 201).hasSize(1);
        answers.stream().filter(answer -> answer.statusCode() != 201).forEach(refused -> assertInvalid(refused, field));
    }

    @Test
    void jobOutcomesArriveFromJobProcessorsEventsOnce() {
        UUID job = UUID.randomUUID();
        UUID service = UUID.randomUUID();
        EventEnvelope<PlatformEvent> failed = EventEnvelope.wrap(
                "/job-processor", new JobFailed(job, UUID.randomUUID(), service, "remote failure", Instant.now()));
        for (int delivery = 0; delivery < 2; delivery++) {
            redis.opsForStream()
                    .add(StreamRecords.string(Map.of(
                                    "id", failed.id(),
                                    "type", failed.type(),
                                    "event", json.writeValueAsString(failed)))
                            .withStreamKey(EventStream.JOBS.key()));
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.queryForObject(
                                "SELECT count(*) FROM job_outcome WHERE job_id = ? AND service_id = ? AND NOT succeeded",
                                Integer.class,
                                job,
                                service)
                        == 1);
    }

    @Test
    void researchersCannotChangeTheCatalogue() {
        assertProblem(send("POST", "/api/v1/admin/services", researcherToken(), service("mine", "MICHIGAN")), 403);
        assertProblem(get("/api/v1/admin/services", researcherToken()), 403);
    }

    private void assertInvalid(String request, String field) {
        assertInvalid(send("POST", "/api/v1/admin/services", admin, request), field);
    }

    private static void assertInvalid(HttpResponse<String> response, String field) {
        assertProblem(response, 400);
        assertThat(response.body()).contains("\"field\":\"" + field + "\"");
    }

    private static String service(String slug, String kind) {
        return """
                {"slug":"%s","name":"Service %s","kind":"%s","baseUrl":"https://%s.example.org/",
                 "description":"test","location":{"country":"ZA","city":"Cape Town","latitude":-33.9,"longitude":18.4},
                 "supportedBuilds":["hg19","hg38"],"inputFormats":["vcf.gz"],"maxUploadBytes":1000000,"active":true}
                """.formatted(slug, slug, kind, slug);
    }

    private HttpResponse<String> send(String method, String path, String token, String body) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private JsonNode body(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return json.readTree(response.body());
    }

    private static List<String> slugs(JsonNode page) {
        return page.get("items")
                .valueStream()
                .map(item -> item.get("slug").asString())
                .toList();
    }
}
