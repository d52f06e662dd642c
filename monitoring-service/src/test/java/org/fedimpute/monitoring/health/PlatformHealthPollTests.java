package org.fedimpute.monitoring.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.fedimpute.monitoring.MonitoringTestSupport;
import org.fedimpute.monitoring.PlatformStub;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Polls see a service go down and come back, record each change (and only changes) with the version it ran, and
 * move the up gauge; admins read the states and the history, researchers may not. The tests run in order, each
 * going on from the states the one before left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformHealthPollTests extends MonitoringTestSupport {

    private static final String HISTORY = "/api/v1/admin/monitoring/services/history";

    @Autowired
    PlatformHealthPoller poller;

    @Test
    @Order(1)
    void aServiceGoingDownAndUpAgainIsRecordedOnceEach() {
        clock.fixAt(Instant.parse("2026-05-04T10:00:00Z"));
        PlatformStub.polledService("alpha", 503, "1.1.0");
        PlatformStub.polledService("beta", 200, "2.0.0");
        poller.pollRound();

        clock.fixAt(Instant.parse("2026-05-04T10:00:15Z"));
        PlatformStub.polledService("alpha", 200, "1.2.0");
        poller.pollRound();
        clock.fixAt(Instant.parse("2026-05-04T10:00:30Z"));
        poller.pollRound();

        JsonNode alpha = read(HISTORY + "?service=alpha", admin());
        assertThat(alpha.get("totalItems").asLong()).isEqualTo(2);
        JsonNode up = alpha.get("items").get(0);
        assertThat(up.get("status").asString()).isEqualTo("UP");
        assertThat(up.get("previousStatus").asString()).isEqualTo("DOWN");
        assertThat(up.get("version").asString()).isEqualTo("1.2.0");
        assertThat(up.get("previousVersion").asString()).isEqualTo("1.1.0");
        assertThat(up.get("changedAt").asString()).isEqualTo("2026-05-04T10:00:15Z");
        JsonNode down = alpha.get("items").get(1);
        assertThat(down.get("status").asString()).isEqualTo("DOWN");
        assertThat(down.get("previousStatus").asString()).isEqualTo("UNKNOWN");
        assertThat(down.get("error").asString()).isEqualTo("readiness answered HTTP 503");
        assertThat(down.get("changedAt").asString()).isEqualTo("2026-05-04T10:00:00Z");

        JsonNode states = read("/api/v1/admin/monitoring/services", admin());
        assertThat(states).extracting(state -> state.get("name").asString()).containsExactly("alpha", "beta", "closed");
        assertThat(states.get(0).get("status").asString()).isEqualTo("UP");
        assertThat(states.get(0).get("checkedAt").asString()).isEqualTo("2026-05-04T10:00:30Z");
        assertThat(states.get(0).get("changedAt").asString()).isEqualTo("2026-05-04T10:00:15Z");
        assertThat(states.get(1).get("version").asString()).isEqualTo("2.0.0");
        assertThat(states.get(2).get("status").asString()).isEqualTo("DOWN");
        assertThat(states.get(2).get("error").asString()).isEqualTo("connection refused");
        assertThat(read(HISTORY, admin()).get("totalItems").asLong()).isEqualTo(4);

        String metrics = get("/actuator/prometheus", null).body();
        assertThat(metrics)
                .contains("fedimpute_monitoring_service_up{application=\"monitoring-service\",service=\"alpha\"} 1.0")
                .contains("fedimpute_monitoring_service_up{application=\"monitoring-service\",service=\"beta\"} 1.0")
                .contains("fedimpute_monitoring_service_up{application=\"monitoring-service\",service=\"closed\"} 0.0");
    }

    @Test
    @Order(2)
    void aNewVersionAloneIsAChangeToo() {
        PlatformStub.polledService("beta", 200, "2.0.0");
        poller.pollRound();
        long before = read(HISTORY + "?service=beta", admin()).get("totalItems").asLong();
        PlatformStub.polledService("beta", 200, "2.1.0");
        poller.pollRound();

        JsonNode latest = read(HISTORY + "?service=beta&size=1", admin());
        assertThat(latest.get("totalItems").asLong()).isEqualTo(before + 1);
        assertThat(latest.get("items").get(0).get("status").asString()).isEqualTo("UP");
        assertThat(latest.get("items").get(0).get("previousStatus").asString()).isEqualTo("UP");
        assertThat(latest.get("items").get(0).get("version").asString()).isEqualTo("2.1.0");
    }

    @Test
    void historyIsForAdminsAndNamesOnlyMonitoredServices() {
        assertThat(get(HISTORY, researcher()).statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/admin/monitoring/services", researcher()).statusCode())
                .isEqualTo(403);
        assertThat(get(HISTORY + "?service=nope", admin()).statusCode()).isEqualTo(400);
        assertThat(get(HISTORY + "?size=0", admin()).statusCode()).isEqualTo(400);
    }
}
