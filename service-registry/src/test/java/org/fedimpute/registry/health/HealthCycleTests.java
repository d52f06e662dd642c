package org.fedimpute.registry.health;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.fedimpute.registry.services.ServiceEndpoint;
import org.fedimpute.registry.services.ServiceKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Health cycles against stubbed servers of every kind of trouble: each server gets its own verdict in one cycle,
 * changes are published once, switched-off services are left alone, and only one cycle runs at a time.
 */
class HealthCycleTests extends HealthIntegrationSupport {

    @RegisterExtension
    static final WireMockExtension server = WireMockExtension.newInstance()
            .options(options().dynamicPort().dynamicHttpsPort())
            .build();

    @Autowired
    DataSource dataSource;

    @Autowired
    MeterRegistry meters;

    @Test
    void oneCycleGivesEveryServerItsOwnVerdictAndNoBadServerDisturbsTheOthers() throws IOException {
        server.stubFor(WireMock.get("/up/api/v2/server").willReturn(okJson(RecordedShapes.MICHIGAN_SERVER_ANONYMOUS)));
        server.stubFor(WireMock.get("/wes11/service-info").willReturn(okJson(RecordedShapes.WES_1_1_SERVICE_INFO)));
        server.stubFor(WireMock.get("/wes10/service-info").willReturn(okJson(RecordedShapes.WES_1_0_SERVICE_INFO)));
        server.stubFor(WireMock.get("/slow/api/v2/server")
                .willReturn(okJson(RecordedShapes.MICHIGAN_SERVER).withFixedDelay(3_000)));
        server.stubFor(
                WireMock.get("/failing/api/v2/server").willReturn(aResponse().withStatus(500)));
        server.stubFor(WireMock.get("/login/api/v2/server")
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/html")
                        .withBody(RecordedShapes.LOGIN_PAGE)));
        String http = "http://localhost:" + server.getPort();
        Map<String, ServiceEndpoint> services = Map.of(
                "up", register("cycle-up", ServiceKind.MICHIGAN, http + "/up"),
                "wes11", register("cycle-wes11", ServiceKind.GA4GH_WES, http + "/wes11"),
                "wes10", register("cycle-wes10", ServiceKind.GA4GH_WES, http + "/wes10"),
                "slow", register("cycle-slow", ServiceKind.MICHIGAN, http + "/slow", 300, true),
                "failing", register("cycle-failing", ServiceKind.MICHIGAN, http + "/failing"),
                "login", register("cycle-login", ServiceKind.MICHIGAN, http + "/login"),
                "refused",
                        register(
                                "cycle-refused",
                                ServiceKind.MICHIGAN,
                                "http://127.0.0.1:" + ProbeClientTests.closedPort()),
                "untrusted",
                        register("cycle-untrusted", ServiceKind.MICHIGAN, "https://localhost:" + server.getHttpsPort()),
                "plain", register("cycle-plain", ServiceKind.MICHIGAN, "https://localhost:" + server.getPort()));

        CycleSummary summary = monitor.runCycle().orElseThrow();

        assertThat(summary.unfinished()).isZero();
        assertThat(summary.services()).isGreaterThanOrEqualTo(services.size());
        assertHealth(services.get("up"), "HEALTHY", null);
        assertHealth(services.get("wes11"), "HEALTHY", null);
        assertHealth(services.get("wes10"), "HEALTHY", null);
        assertHealth(services.get("slow"), "UNHEALTHY", "timed out after 300 ms");
        assertHealth(services.get("failing"), "UNHEALTHY", "HTTP 500");
        assertHealth(services.get("login"), "UNHEALTHY", "not a Cloudgene server answer (text/html)");
        assertHealth(services.get("refused"), "UNHEALTHY", "connection refused");
        assertHealth(services.get("untrusted"), "UNHEALTHY", "TLS handshake failed: ");
        assertHealth(services.get("plain"), "UNHEALTHY", "TLS handshake failed: ");
        services.values()
                .forEach(service ->
                        assertThat(history(service).get("totalItems").asInt()).isEqualTo(1));
        assertThat(up("cycle-up")).isEqualTo(1);
        assertThat(up("cycle-slow")).isZero();
        assertThat(up("cycle-failing")).isZero();
        assertThat(meters.get("fedimpute.registry.health.probe")
                        .tags("service", "cycle-up", "outcome", "healthy")
                        .timer()
                        .count())
                .isGreaterThanOrEqualTo(1);
        assertThat(meters.get("fedimpute.registry.health.probe")
                        .tags("service", "cycle-slow", "outcome", "unhealthy")
                        .timer()
                        .max(TimeUnit.MILLISECONDS))
                .isGreaterThanOrEqualTo(300);
    }

    private double up(String service) {
        return meters.get("fedimpute.registry.service.up")
                .tag("service", service)
                .gauge()
                .value();
    }

    @Test
    void aHealthChangeIsPublishedOnceAndNotOnEveryCheck() {
        server.stubFor(WireMock.get("/steady/service-info").willReturn(okJson(RecordedShapes.WES_1_1_SERVICE_INFO)));
        ServiceEndpoint steady =
                register("events-steady", ServiceKind.GA4GH_WES, "http://localhost:" + server.getPort() + "/steady");

        monitor.runCycle().orElseThrow();
        monitor.runCycle().orElseThrow();

        List<JsonNode> events = healthEvents(steady);
        assertThat(events).hasSize(1);
        assertThat(events.getFirst().get("previous").asString()).isEqualTo("UNKNOWN");
        assertThat(events.getFirst().get("current").asString()).isEqualTo("HEALTHY");
        assertThat(events.getFirst().get("serviceSlug").asString()).isEqualTo("events-steady");

        server.stubFor(
                WireMock.get("/steady/service-info").willReturn(aResponse().withStatus(503)));
        monitor.runCycle().orElseThrow();
        monitor.runCycle().orElseThrow();

        events = healthEvents(steady);
        assertThat(events).hasSize(2);
        assertThat(events.getLast().get("previous").asString()).isEqualTo("HEALTHY");
        assertThat(events.getLast().get("current").asString()).isEqualTo("UNHEALTHY");
        assertThat(events.getLast().get("error").asString()).isEqualTo("HTTP 503");
        assertThat(history(steady).get("totalItems").asInt()).isEqualTo(4);
    }

    @Test
    void servicesTheAdminSwitchedOffAreNotProbed() {
        server.stubFor(WireMock.get("/off/api/v2/server").willReturn(okJson(RecordedShapes.MICHIGAN_SERVER)));
        ServiceEndpoint off = register(
                "cycle-switched-off",
                ServiceKind.MICHIGAN,
                "http://localhost:" + server.getPort() + "/off",
                null,
                false);

        monitor.runCycle().orElseThrow();

        server.verify(0, getRequestedFor(urlEqualTo("/off/api/v2/server")));
        JsonNode report = body(get("/api/v1/admin/services/" + off.id() + "/health", admin), 200);
        assertThat(report.get("health").asString()).isEqualTo("UNKNOWN");
        assertThat(report.get("lastCheckedAt").isNull()).isTrue();
    }

    @Test
    void aCycleIsSkippedWhileAnotherInstanceRunsOne() throws Exception {
        try (Connection otherInstance = dataSource.getConnection()) {
            lock(otherInstance, "SELECT pg_advisory_lock(?)");
            assertThat(monitor.runCycle()).isEmpty();
            lock(otherInstance, "SELECT pg_advisory_unlock(?)");
        }
        assertThat(monitor.runCycle()).isPresent();
    }

    private static void lock(Connection connection, String sql) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, HealthRepository.CYCLE_LOCK);
            statement.execute();
        }
    }

    private void assertHealth(ServiceEndpoint service, String health, String errorStart) {
        JsonNode report = body(get("/api/v1/admin/services/" + service.id() + "/health", admin), 200);
        assertThat(report.get("health").asString()).as(service.slug()).isEqualTo(health);
        assertThat(report.get("lastCheckedAt").isNull()).isFalse();
        if (errorStart == null) {
            assertThat(report.get("lastError").isNull()).as(service.slug()).isTrue();
            assertThat(report.get("firstUnhealthyAt").isNull()).isTrue();
        } else {
            assertThat(report.get("lastError").asString()).as(service.slug()).startsWith(errorStart);
            assertThat(report.get("firstUnhealthyAt").asString())
                    .isEqualTo(report.get("lastCheckedAt").asString());
        }
    }

    private JsonNode history(ServiceEndpoint service) {
        return body(get("/api/v1/admin/services/" + service.id() + "/health/history", admin), 200);
    }

    private List<JsonNode> healthEvents(ServiceEndpoint service) {
        return jdbc
                .queryForList(
                        "SELECT envelope::text FROM event_outbox WHERE type = 'service.health-changed' AND subject = ?"
                                + " ORDER BY created_at",
                        String.class,
                        service.id().toString())
                .stream()
                .map(envelope -> json.readTree(envelope).get("data"))
                .toList();
    }
}
