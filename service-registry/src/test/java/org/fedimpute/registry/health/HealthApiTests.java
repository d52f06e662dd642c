package org.fedimpute.registry.health;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.fedimpute.registry.services.ServiceEndpoint;
import org.fedimpute.registry.services.ServiceKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The health API: statistics from the history, the admin's check on demand, deactivation after a long spell of bad
 * health and the reactivation that needs both an answer and an admin, and the input it refuses.
 */
class HealthApiTests extends HealthIntegrationSupport {

    @Autowired
    HealthLedger ledger;

    @RegisterExtension
    static final WireMockExtension server =
            WireMockExtension.newInstance().options(options().dynamicPort()).build();

    @Test
    void percentilesAndUptimeAreComputedFromTheHistory() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        CLOCK.fixAt(now);
        ServiceEndpoint service = register("stats", ServiceKind.GA4GH_WES, "https://stats.example.org");
        // Last 24 h: ten successful checks answering in 10, 20, ... 100 ms, and two timeouts.
        for (int i = 1; i <= 10; i++) {
            insertCheck(service, now.minus(Duration.ofMinutes(5L * i)), "HEALTHY", 10 * i);
        }
        insertCheck(service, now.minus(Duration.ofHours(2)), "UNHEALTHY", 10_000);
        insertCheck(service, now.minus(Duration.ofHours(3)), "UNHEALTHY", 10_000);
        // Three days ago: two successes and a failure; twenty days ago: a failure; forty days ago: out of every window.
        insertCheck(service, now.minus(Duration.ofDays(3)), "HEALTHY", 5_000);
        insertCheck(service, now.minus(Duration.ofDays(3)).plusSeconds(300), "HEALTHY", 5_000);
        insertCheck(service, now.minus(Duration.ofDays(3)).plusSeconds(600), "UNHEALTHY", 10_000);
        insertCheck(service, now.minus(Duration.ofDays(20)), "UNHEALTHY", 10_000);
        insertCheck(service, now.minus(Duration.ofDays(40)), "HEALTHY", 1);

        JsonNode report = body(get("/api/v1/services/stats/health", researcher), 200);

        // percentile_cont interpolates linearly between the 10 ms steps of the successful checks.
        assertThat(report.get("responseTimes").get("p50").asDouble()).isEqualTo(55.0);
        assertThat(report.get("responseTimes").get("p95").asDouble()).isEqualTo(95.5);
        assertThat(report.get("responseTimes").get("p99").asDouble()).isEqualTo(99.1);
        assertThat(report.get("uptime").get("last24h").asDouble()).isEqualTo(83.33); // 10 of 12
        assertThat(report.get("uptime").get("last7d").asDouble()).isEqualTo(80.0); // 12 of 15
        assertThat(report.get("uptime").get("last30d").asDouble()).isEqualTo(75.0); // 12 of 16

        JsonNode history = body(get("/api/v1/services/stats/health/history?size=4&page=1", researcher), 200);
        assertThat(history.get("totalItems").asInt()).isEqualTo(17);
        assertThat(history.get("totalPages").asInt()).isEqualTo(5);
        assertThat(history.get("items").get(0).get("responseMs").asInt()).isEqualTo(50);
        assertThat(instant(history.get("items").get(0).get("checkedAt")))
                .isAfter(instant(history.get("items").get(1).get("checkedAt")));
    }

    @Test
    void aServiceNeverCheckedHasNoStatistics() {
        ServiceEndpoint service = register("never-checked", ServiceKind.MICHIGAN, "https://never.example.org");

        JsonNode report = body(get("/api/v1/admin/services/" + service.id() + "/health", admin), 200);

        assertThat(report.get("health").asString()).isEqualTo("UNKNOWN");
        assertThat(report.get("responseTimes").get("p50").isNull()).isTrue();
        assertThat(report.get("uptime").get("last24h").isNull()).isTrue();
        assertThat(report.get("uptime").get("last30d").isNull()).isTrue();
        assertThat(report.get("awaitingApproval").asBoolean()).isFalse();
    }

    @Test
    void anAdminChecksAServiceNowAndTheCheckJoinsTheHistory() {
        server.stubFor(WireMock.get("/now/api/v2/server").willReturn(okJson(RecordedShapes.MICHIGAN_SERVER)));
        ServiceEndpoint service =
                register("checked-now", ServiceKind.MICHIGAN, "http://localhost:" + server.getPort() + "/now");

        JsonNode check = body(post("/api/v1/admin/services/" + service.id() + "/health-checks", admin), 201);

        assertThat(check.get("health").asString()).isEqualTo("HEALTHY");
        assertThat(check.get("httpStatus").asInt()).isEqualTo(200);
        JsonNode report = body(get("/api/v1/services/checked-now/health", researcher), 200);
        assertThat(report.get("health").asString()).isEqualTo("HEALTHY");
        assertThat(report.get("lastCheckedAt").asString())
                .isEqualTo(check.get("checkedAt").asString());
        assertThat(report.get("uptime").get("last24h").asDouble()).isEqualTo(100.0);
        JsonNode history = body(get("/api/v1/admin/services/" + service.id() + "/health/history", admin), 200);
        assertThat(history.get("totalItems").asInt()).isEqualTo(1);
    }

    @Test
    void aServiceUnhealthyForThirtyDaysIsDeactivatedAtTheThresholdAndReturnsOnlyWithAnAdminsApproval() {
        server.stubFor(
                WireMock.get("/flaky/api/v2/server").willReturn(aResponse().withStatus(502)));
        ServiceEndpoint service =
                register("flaky", ServiceKind.MICHIGAN, "http://localhost:" + server.getPort() + "/flaky");
        String admin = "/api/v1/admin/services/" + service.id();
        Instant firstFailure = Instant.now().minus(Duration.ofDays(31)).truncatedTo(ChronoUnit.SECONDS);

        CLOCK.fixAt(firstFailure);
        body(post(admin + "/health-checks", this.admin), 201);
        CLOCK.fixAt(firstFailure.plus(Duration.ofDays(30)).minus(Duration.ofMinutes(1)));
        body(post(admin + "/health-checks", this.admin), 201);

        JsonNode report = body(get(admin + "/health", this.admin), 200);
        assertThat(report.get("deactivatedAt").isNull()).isTrue();
        assertThat(instant(report.get("firstUnhealthyAt"))).isEqualTo(firstFailure);
        assertThat(body(get("/api/v1/services/flaky/health", researcher), 200)
                        .get("health")
                        .asString())
                .isEqualTo("UNHEALTHY");

        CLOCK.fixAt(firstFailure.plus(Duration.ofDays(30)));
        body(post(admin + "/health-checks", this.admin), 201);

        report = body(get(admin + "/health", this.admin), 200);
        assertThat(instant(report.get("deactivatedAt"))).isEqualTo(firstFailure.plus(Duration.ofDays(30)));
        assertThat(report.get("deactivationReason").asString())
                .contains(firstFailure.toString())
                .contains("HTTP 502");
        assertThat(report.get("awaitingApproval").asBoolean()).isFalse();
        assertProblem(get("/api/v1/services/flaky/health", researcher), 404);
        assertProblem(get("/api/v1/services/flaky", researcher), 404);
        assertProblem(post(admin + "/reactivation", this.admin), 409);

        CLOCK.reset();
        server.stubFor(
                WireMock.get("/flaky/api/v2/server").willReturn(okJson(RecordedShapes.MICHIGAN_SERVER_ANONYMOUS)));
        monitor.runCycle().orElseThrow();

        report = body(get(admin + "/health", this.admin), 200);
        assertThat(report.get("health").asString()).isEqualTo("HEALTHY");
        assertThat(report.get("deactivatedAt").isNull()).isFalse();
        assertThat(report.get("awaitingApproval").asBoolean()).isTrue();
        assertProblem(get("/api/v1/services/flaky/health", researcher), 404);

        report = body(post(admin + "/reactivation", this.admin), 200);
        assertThat(report.get("deactivatedAt").isNull()).isTrue();
        assertThat(report.get("awaitingApproval").asBoolean()).isFalse();
        assertThat(body(get("/api/v1/services/flaky/health", researcher), 200)
                        .get("health")
                        .asString())
                .isEqualTo("HEALTHY");
        assertThat(body(get("/api/v1/services/flaky", researcher), 200)
                        .get("slug")
                        .asString())
                .isEqualTo("flaky");
    }

    @Test
    void checksOlderThanTheRetentionArePruned() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        CLOCK.fixAt(now);
        ServiceEndpoint service = register("long-watched", ServiceKind.MICHIGAN, "https://watched.example.org");
        insertCheck(service, now.minus(Duration.ofDays(91)), "HEALTHY", 100);
        insertCheck(service, now.minus(Duration.ofDays(89)), "UNHEALTHY", 100);

        ledger.pruneHistory();

        JsonNode history = body(get("/api/v1/admin/services/" + service.id() + "/health/history", admin), 200);
        assertThat(history.get("totalItems").asInt()).isEqualTo(1);
        assertThat(instant(history.get("items").get(0).get("checkedAt"))).isEqualTo(now.minus(Duration.ofDays(89)));
    }

    @Test
    void reactivatingAServiceThatIsNotDeactivatedIsAConflict() {
        ServiceEndpoint service = register("not-deactivated", ServiceKind.MICHIGAN, "https://fine.example.org");

        assertProblem(post("/api/v1/admin/services/" + service.id() + "/reactivation", admin), 409);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM service_status WHERE service_id = ?", Integer.class, service.id()))
                .isZero();
    }

    @Test
    void researchersSeeTheHealthOfOfferedServicesOnly() {
        ServiceEndpoint off =
                register("health-switched-off", ServiceKind.MICHIGAN, "https://off.example.org", null, false);

        assertProblem(get("/api/v1/services/health-switched-off/health", researcher), 404);
        assertProblem(get("/api/v1/services/health-switched-off/health/history", researcher), 404);
        assertProblem(get("/api/v1/services/no-such-service/health", researcher), 404);
        body(get("/api/v1/admin/services/" + off.id() + "/health", admin), 200);
    }

    @Test
    void badInputIsRefusedAndChangesNothing() {
        ServiceEndpoint service = register("guarded", ServiceKind.MICHIGAN, "https://guarded.example.org");
        int checks = jdbc.queryForObject("SELECT count(*) FROM health_check", Integer.class);
        String unknown = "/api/v1/admin/services/" + UUID.randomUUID();

        assertProblem(get(unknown + "/health", admin), 404);
        assertProblem(get(unknown + "/health/history", admin), 404);
        assertProblem(post(unknown + "/health-checks", admin), 404);
        assertProblem(post(unknown + "/reactivation", admin), 404);
        assertProblem(get("/api/v1/admin/services/not-a-uuid/health", admin), 400);
        assertProblem(get("/api/v1/services/guarded/health/history?size=1000", researcher), 400);
        assertProblem(get("/api/v1/services/guarded/health/history?page=-1", researcher), 400);
        String known = "/api/v1/admin/services/" + service.id();
        assertProblem(get(known + "/health", researcher), 403);
        assertProblem(post(known + "/health-checks", researcher), 403);
        assertProblem(post(known + "/reactivation", researcher), 403);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM health_check", Integer.class))
                .isEqualTo(checks);
    }

    private void insertCheck(ServiceEndpoint service, Instant at, String health, int responseMs) {
        jdbc.update(
                "INSERT INTO health_check (service_id, checked_at, health, response_ms, http_status, error)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                service.id(),
                Timestamp.from(at),
                health,
                responseMs,
                health.equals("HEALTHY") ? 200 : null,
                health.equals("HEALTHY") ? null : "timed out after 10 s");
    }

    private static Instant instant(JsonNode value) {
        return Instant.parse(value.asString());
    }
}
