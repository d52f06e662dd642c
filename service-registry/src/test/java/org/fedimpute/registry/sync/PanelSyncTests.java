package org.fedimpute.registry.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.fedimpute.test.infra.UseEmbeddedInfra;
import org.fedimpute.test.security.TestJwtIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Panel sync against WireMock servers answering in the recorded shapes of Michigan-type servers and WES nodes, on
 * the real service (embedded PostgreSQL and Redis): what a sync changes, what it reports and publishes, and that a
 * server that fails in any way changes nothing and stops no other server's sync.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "fedimpute.registry.sync.scheduled=false")
@UseEmbeddedInfra
@TestPropertySource(properties = "fedimpute.registry.secrets.key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=")
@ExtendWith(OutputCaptureExtension.class)
class PanelSyncTests {

    private static final WireMockServer servers =
            new WireMockServer(options().dynamicPort().dynamicHttpsPort());
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final String APPS = "/api/v2/server/apps/imputationserver2";

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private DataSource dataSource;

    @Autowired
    private JsonMapper json;

    @Autowired
    private ScheduledPanelSync schedule;

    private final String admin = TestJwtIssuer.get().admin(UUID.randomUUID());

    @BeforeAll
    static void startServers() {
        servers.start();
    }

    @AfterAll
    static void stopServers() {
        servers.stop();
    }

    @DynamicPropertySource
    static void tokensFromTheTestIssuer(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                () -> TestJwtIssuer.get().jwksUri());
    }

    @Test
    void aMichiganServersPanelsAreAddedUpdatedAndMarkedMissingWithOneEventPerChangingSync() {
        String token = "cat-" + UUID.randomUUID();
        michiganServer("/mis", token, "michigan/apps-first.json");
        String id = register("mis", "MICHIGAN", base("/mis"));
        storeCatalogueToken(id, token);

        JsonNode first = syncNow(id);
        assertThat(first.get("error").isNull()).isTrue();
        assertThat(counts(first)).containsExactly(3, 0, 0);
        assertThat(kinds(first)).containsOnly("ADDED");
        assertThat(panel(id, "apps@1000g-phase-3-v5@2.0.0"))
                .containsEntry("display_name", "1000 Genomes Phase 3 (Version 5)")
                .containsEntry("populations", "{afr,amr,eur,sas,eas,mixed}")
                .containsEntry("origin", "SYNCED")
                .containsEntry("available", true);
        assertThat(panel(id, "apps@h3africa-v6hc-s@1.0.0")).containsEntry("populations", "{afr,mixed}");
        assertThat(panelSyncedEvents(id)).isEqualTo(1);
        servers.verify(getRequestedFor(urlEqualTo("/mis" + APPS))
                .withHeader("X-Auth-Token", equalTo(token))
                .withHeader("Authorization", absent()));

        michiganServer("/mis", token, "michigan/apps-second.json");
        JsonNode second = syncNow(id);
        assertThat(counts(second)).containsExactly(1, 1, 1);
        assertThat(change(second, "apps@hapmap-2@2.0.0"))
                .isEqualTo(Map.of("kind", "UPDATED", "fields", List.of("displayName")));
        assertThat(change(second, "apps@topmed-r3-hg38@1.0.0")).containsEntry("kind", "ADDED");
        assertThat(change(second, "apps@h3africa-v6hc-s@1.0.0")).containsEntry("kind", "MISSING");
        assertThat(panel(id, "apps@hapmap-2@2.0.0")).containsEntry("display_name", "HapMap 2 (retired)");
        assertThat(panel(id, "apps@topmed-r3-hg38@1.0.0")).containsEntry("build", "hg38");
        Map<String, Object> vanished = panel(id, "apps@h3africa-v6hc-s@1.0.0");
        assertThat(vanished).containsEntry("available", false);
        assertThat(vanished.get("missing_since")).isNotNull();
        assertThat(panelSyncedEvents(id)).isEqualTo(2);
        assertThat(latestEventData(id))
                .containsEntry("added", 1)
                .containsEntry("updated", 1)
                .containsEntry("missing", 1)
                .containsEntry("serviceSlug", "mis");

        JsonNode third = syncNow(id);
        assertThat(counts(third)).containsExactly(0, 0, 0);
        assertThat(third.get("changes").isEmpty()).isTrue();
        assertThat(third.get("error").isNull()).isTrue();
        assertThat(panelSyncedEvents(id))
                .as("an unchanged catalogue publishes nothing")
                .isEqualTo(2);

        JsonNode history = body(call("GET", "/api/v1/admin/services/" + id + "/panel-syncs?size=2", admin), 200);
        assertThat(history.get("totalItems").asLong()).isEqualTo(3);
        assertThat(history.get("items")).hasSize(2);
        assertThat(history.get("items").get(0)).as("newest first, as reported").isEqualTo(third);
        assertThat(history.get("items").get(1).get("trigger").asString()).isEqualTo("MANUAL");
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM panel_sync WHERE changes::text LIKE ? OR error LIKE ?",
                        Integer.class,
                        "%" + token + "%",
                        "%" + token + "%"))
                .isZero();
    }

    @Test
    void withoutACatalogueTokenTheSyncSaysWhatToDoAndMarksNothingMissing() {
        michiganServer("/no-token", "a-token-never-given", "michigan/apps-first.json");
        String id = register("no-token", "MICHIGAN", base("/no-token"));
        enterPanel(id, "apps@hapmap-2@2.0.0");

        JsonNode report = syncNow(id);

        assertThat(report.get("error").asString())
                .isEqualTo("needs a catalogue token: PUT /api/v1/admin/services/" + id + "/catalogue-token");
        assertThat(counts(report)).containsExactly(0, 0, 0);
        assertThat(panel(id, "apps@hapmap-2@2.0.0")).containsEntry("available", true);
        assertThat(panelSyncedEvents(id)).isZero();
        servers.verify(getRequestedFor(urlEqualTo("/no-token" + APPS)).withHeader("X-Auth-Token", absent()));
    }

    @Test
    void aRefusedCatalogueTokenIsReportedWithoutTheTokenAnywhere(CapturedOutput output) {
        michiganServer("/expired", "the-current-token", "michigan/apps-first.json");
        String id = register("expired", "MICHIGAN", base("/expired"));
        String expired = "expired-" + UUID.randomUUID();
        storeCatalogueToken(id, expired);

        HttpResponse<String> answer = call("POST", "/api/v1/admin/services/" + id + "/panel-sync", admin);

        JsonNode report = body(answer, 200);
        assertThat(report.get("error").asString()).startsWith("the server refused the catalogue token (HTTP 401");
        assertThat(answer.body()).doesNotContain(expired);
        assertThat(output.getAll()).contains("Panel sync of expired failed").doesNotContain(expired);
    }

    @Test
    void aServerAnswering500ChangesNothingAndItsMessageIsQuotedWithoutTheToken() {
        String token = "tok-" + UUID.randomUUID();
        String id = syncedMichiganService("answers-500", token);
        servers.stubFor(get("/answers-500" + APPS)
                .willReturn(aResponse()
                        .withStatus(500)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"Internal error handling " + token + "\",\"success\":false}")));

        JsonNode report = failedSyncChangingNothing(id);

        assertThat(report.get("error").asString())
                .isEqualTo("GET " + APPS + " answered HTTP 500: Internal error handling ***");
    }

    @Test
    void aServerAnsweringGarbageChangesNothing() {
        String id = syncedMichiganService("garbage", "tok-" + UUID.randomUUID());
        servers.stubFor(get("/garbage" + APPS)
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/html")
                        .withBody("<html><body>Maintenance</body></html>")));

        assertThat(failedSyncChangingNothing(id).get("error").asString())
                .isEqualTo("GET " + APPS + " answered HTTP 200 with a body that is not JSON");
    }

    @Test
    void aServerThatNoLongerOffersTheAppChangesNothing() {
        String id = syncedMichiganService("app-gone", "tok-" + UUID.randomUUID());
        servers.stubFor(
                get("/app-gone/api/v2/server").willReturn(okJson(Fixtures.text("michigan/server-other-apps.json"))));

        assertThat(failedSyncChangingNothing(id).get("error").asString())
                .isEqualTo("app imputationserver2 not offered by the server (offers: imputationserver)");
    }

    @Test
    void aRefusedConnectionChangesNothing() throws IOException {
        String id = syncedMichiganService("refused", "tok-" + UUID.randomUUID());
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        moveService(id, "refused", "http://127.0.0.1:" + closedPort);

        assertThat(failedSyncChangingNothing(id).get("error").asString())
                .isEqualTo("GET /api/v2/server: cannot connect to 127.0.0.1:" + closedPort
                        + " (connection refused or unreachable)");
    }

    @Test
    void aTlsFailureChangesNothing() {
        String id = syncedMichiganService("bad-tls", "tok-" + UUID.randomUUID());
        moveService(id, "bad-tls", "https://localhost:" + servers.httpsPort() + "/bad-tls");

        assertThat(failedSyncChangingNothing(id).get("error").asString())
                .startsWith("GET /api/v2/server: TLS handshake with localhost:" + servers.httpsPort() + " failed: ");
    }

    @Test
    void aWesNodesReferencePanelsAreSyncedFromItsServiceInfo() {
        servers.stubFor(
                get("/node/ga4gh/wes/v1/service-info").willReturn(okJson(Fixtures.text("wes/service-info-1.1.json"))));
        String id = register("cape-town-node", "GA4GH_WES", base("/node/ga4gh/wes/v1"));

        JsonNode report = syncNow(id);

        assertThat(counts(report)).containsExactly(2, 0, 0);
        assertThat(panel(id, "h3a-v6-hg38"))
                .containsEntry("display_name", "H3Africa v6 (GRCh38)")
                .containsEntry("build", "hg38")
                .containsEntry("populations", "{afr}")
                .containsEntry("sample_count", 4447)
                .containsEntry("variant_count", 131_000_000L);
        assertThat(panelSyncedEvents(id)).isEqualTo(1);
    }

    @Test
    void aWesNodeThatListsNoPanelsIsAnErrorNotAnEmptyCatalogue() {
        servers.stubFor(get("/silent-node/ga4gh/wes/v1/service-info")
                .willReturn(okJson(Fixtures.text("wes/service-info-1.0.json").replace("reference_panels", "panels"))));
        String id = register("silent-node", "GA4GH_WES", base("/silent-node/ga4gh/wes/v1"));
        enterPanel(id, "1kg-p3-hg19");

        JsonNode report = syncNow(id);

        assertThat(report.get("error").asString()).isEqualTo("the node's service-info lists no reference panels");
        assertThat(panel(id, "1kg-p3-hg19")).containsEntry("available", true);
        assertThat(panelSyncedEvents(id)).isZero();
    }

    @Test
    void aScheduledRoundSyncsEveryDueActiveServiceAndOneFailureStopsNoOther() throws Exception {
        String token = "tok-" + UUID.randomUUID();
        michiganServer("/round-mis", token, "michigan/apps-first.json");
        String michigan = register("round-mis", "MICHIGAN", base("/round-mis"));
        storeCatalogueToken(michigan, token);
        servers.stubFor(get("/round-node/ga4gh/wes/v1/service-info")
                .willReturn(okJson(Fixtures.text("wes/service-info-1.1.json"))));
        String node = register("round-node", "GA4GH_WES", base("/round-node/ga4gh/wes/v1"));
        servers.stubFor(get("/round-broken/ga4gh/wes/v1/service-info")
                .willReturn(aResponse().withStatus(500)));
        String broken = register("round-broken", "GA4GH_WES", base("/round-broken/ga4gh/wes/v1"));
        String switchedOff = register("round-off", "GA4GH_WES", base("/round-node/ga4gh/wes/v1"));
        switchOff(switchedOff, "round-off", base("/round-node/ga4gh/wes/v1"));

        Map<UUID, PanelSyncReport> reports = byService(schedule.round());

        assertThat(reports.get(UUID.fromString(michigan)).added()).isEqualTo(3);
        assertThat(reports.get(UUID.fromString(node)).added()).isEqualTo(2);
        assertThat(reports.get(UUID.fromString(broken)).error()).isEqualTo("GET /service-info answered HTTP 500");
        assertThat(reports).doesNotContainKey(UUID.fromString(switchedOff));
        assertThat(jdbc.queryForList(
                        "SELECT DISTINCT trigger FROM panel_sync WHERE service_id IN (?, ?, ?)",
                        String.class,
                        UUID.fromString(michigan),
                        UUID.fromString(node),
                        UUID.fromString(broken)))
                .containsExactly("SCHEDULED");

        assertThat(byService(schedule.round()))
                .as("services synced within the interval are not due")
                .doesNotContainKeys(UUID.fromString(michigan), UUID.fromString(node), UUID.fromString(broken));

        servers.stubFor(get("/round-late/ga4gh/wes/v1/service-info")
                .willReturn(okJson(Fixtures.text("wes/service-info-1.1.json"))));
        String late = register("round-late", "GA4GH_WES", base("/round-late/ga4gh/wes/v1"));
        try (Connection otherInstance = dataSource.getConnection()) {
            assertThat(advisoryLock(otherInstance, "pg_try_advisory_lock")).isTrue();
            assertThat(schedule.round()).as("another instance holds the round").isEmpty();
            assertThat(advisoryLock(otherInstance, "pg_advisory_unlock")).isTrue();
        }
        assertThat(byService(schedule.round())).containsKey(UUID.fromString(late));
    }

    @Test
    void onlyAdminsSyncAndOnlyKnownServices() {
        String unknown = UUID.randomUUID().toString();
        assertProblem(call("POST", "/api/v1/admin/services/" + unknown + "/panel-sync", admin), 404);
        assertProblem(call("GET", "/api/v1/admin/services/" + unknown + "/panel-syncs", admin), 404);
        assertProblem(call("POST", "/api/v1/admin/services/not-a-uuid/panel-sync", admin), 400);
        String researcher = TestJwtIssuer.get().researcher(UUID.randomUUID());
        assertProblem(call("POST", "/api/v1/admin/services/" + unknown + "/panel-sync", researcher), 403);

        String id = register("paged", "GA4GH_WES", base("/paged/ga4gh/wes/v1"));
        assertProblem(call("GET", "/api/v1/admin/services/" + id + "/panel-syncs?size=1000", admin), 400);
        assertProblem(call("GET", "/api/v1/admin/services/" + id + "/panel-syncs?page=-1", admin), 400);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM panel_sync WHERE service_id = ?", Integer.class, UUID.fromString(id)))
                .isZero();
    }

    /** A Michigan service whose first sync found the three panels of the first recorded app description. */
    private String syncedMichiganService(String slug, String token) {
        michiganServer("/" + slug, token, "michigan/apps-first.json");
        String id = register(slug, "MICHIGAN", base("/" + slug));
        storeCatalogueToken(id, token);
        assertThat(counts(syncNow(id))).containsExactly(3, 0, 0);
        return id;
    }

    /** Syncs a service whose server now fails: the report says why, and the panels and events are as before. */
    private JsonNode failedSyncChangingNothing(String id) {
        List<Map<String, Object>> before = panels(id);
        int events = panelSyncedEvents(id);

        JsonNode report = syncNow(id);

        assertThat(report.get("error").isString()).as(report.toString()).isTrue();
        assertThat(counts(report)).containsExactly(0, 0, 0);
        assertThat(report.get("changes").isEmpty()).isTrue();
        assertThat(panels(id)).isEqualTo(before);
        assertThat(panelSyncedEvents(id)).isEqualTo(events);
        assertThat(jdbc.queryForObject(
                        "SELECT error FROM panel_sync WHERE id = ?",
                        String.class,
                        UUID.fromString(report.get("id").asString())))
                .isEqualTo(report.get("error").asString());
        return report;
    }

    private void michiganServer(String prefix, String token, String appsFixture) {
        servers.stubFor(get(prefix + "/api/v2/server").willReturn(okJson(Fixtures.text("michigan/server.json"))));
        servers.stubFor(get(prefix + APPS)
                .withHeader("X-Auth-Token", equalTo(token))
                .willReturn(okJson(Fixtures.text(appsFixture))));
        servers.stubFor(get(prefix + APPS)
                .atPriority(10)
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody(Fixtures.text("michigan/unauthorized.json"))));
    }

    private static String base(String prefix) {
        return "http://localhost:" + servers.port() + prefix;
    }

    private String register(String slug, String kind, String baseUrl) {
        return body(call("POST", "/api/v1/admin/services", admin, service(slug, kind, baseUrl, true)), 201)
                .get("id")
                .asString();
    }

    private void moveService(String id, String slug, String baseUrl) {
        body(call("PUT", "/api/v1/admin/services/" + id, admin, service(slug, "MICHIGAN", baseUrl, true)), 200);
    }

    private void switchOff(String id, String slug, String baseUrl) {
        body(call("PUT", "/api/v1/admin/services/" + id, admin, service(slug, "GA4GH_WES", baseUrl, false)), 200);
    }

    private static String service(String slug, String kind, String baseUrl, boolean active) {
        return """
                {"slug":"%s","name":"Service %s","kind":"%s","baseUrl":"%s","active":%s,
                 "connectTimeoutMs":2000,"readTimeoutMs":5000}
                """.formatted(slug, slug, kind, baseUrl, active);
    }

    private void storeCatalogueToken(String id, String token) {
        body(
                call(
                        "PUT",
                        "/api/v1/admin/services/" + id + "/catalogue-token",
                        admin,
                        "{\"token\":\"" + token + "\"}"),
                200);
    }

    private void enterPanel(String id, String remoteKey) {
        body(
                call(
                        "POST",
                        "/api/v1/admin/services/" + id + "/reference-panels",
                        admin,
                        "{\"remoteKey\":\"" + remoteKey + "\",\"displayName\":\"Entered by hand\"}"),
                201);
    }

    private JsonNode syncNow(String id) {
        return body(call("POST", "/api/v1/admin/services/" + id + "/panel-sync", admin), 200);
    }

    private static List<Integer> counts(JsonNode report) {
        return List.of(
                report.get("added").asInt(),
                report.get("updated").asInt(),
                report.get("missing").asInt());
    }

    private static List<String> kinds(JsonNode report) {
        return report.get("changes")
                .valueStream()
                .map(change -> change.get("kind").asString())
                .toList();
    }

    private Map<String, Object> change(JsonNode report, String remoteKey) {
        JsonNode change = report.get("changes")
                .valueStream()
                .filter(candidate -> candidate.get("remoteKey").asString().equals(remoteKey))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No change of " + remoteKey + " in " + report));
        Map<String, Object> fields = json.convertValue(change, Map.class);
        fields.remove("remoteKey");
        return fields;
    }

    private Map<String, Object> panel(String serviceId, String remoteKey) {
        return jdbc.queryForMap(
                "SELECT display_name, build, populations::text AS populations, sample_count, variant_count, available,"
                        + " origin, missing_since FROM reference_panel WHERE service_id = ? AND remote_key = ?",
                UUID.fromString(serviceId),
                remoteKey);
    }

    private List<Map<String, Object>> panels(String serviceId) {
        return jdbc.queryForList(
                "SELECT remote_key, display_name, populations::text, available, missing_since, updated_at"
                        + " FROM reference_panel WHERE service_id = ? ORDER BY remote_key",
                UUID.fromString(serviceId));
    }

    private int panelSyncedEvents(String serviceId) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM event_outbox WHERE type = 'panel.synced' AND subject = ?",
                Integer.class,
                serviceId);
    }

    private Map<String, Object> latestEventData(String serviceId) {
        String envelope = jdbc.queryForObject(
                "SELECT envelope::text FROM event_outbox WHERE type = 'panel.synced' AND subject = ?"
                        + " ORDER BY created_at DESC LIMIT 1",
                String.class,
                serviceId);
        return json.convertValue(json.readTree(envelope).get("data"), Map.class);
    }

    private static Map<UUID, PanelSyncReport> byService(List<PanelSyncReport> reports) {
        return reports.stream()
                .collect(java.util.stream.Collectors.toMap(PanelSyncReport::serviceId, report -> report));
    }

    private static boolean advisoryLock(Connection connection, String function) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + function + "(?)")) {
            statement.setLong(1, PanelSyncStore.ROUND_LOCK);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    private HttpResponse<String> call(String method, String path, String token) {
        return call(method, path, token, null);
    }

    private HttpResponse<String> call(String method, String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("Request to " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }

    private JsonNode body(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return json.readTree(response.body());
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":" + status).contains("\"requestId\":\"");
    }
}
