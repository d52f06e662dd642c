package org.fedimpute.monitoring.overview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fedimpute.events.EventEnvelope;
import org.fedimpute.events.JobCompleted;
import org.fedimpute.events.JobFailed;
import org.fedimpute.events.JobQueued;
import org.fedimpute.events.JobStarted;
import org.fedimpute.events.ServiceHealth;
import org.fedimpute.events.ServiceHealthChanged;
import org.fedimpute.monitoring.MonitoringTestSupport;
import org.fedimpute.monitoring.PlatformStub;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The overview has exactly the agreed shape for any signed-in user, counts jobs now and in the last hour, shows the
 * external services' health from the catalogue and the newest event, and storage from file-manager.
 */
class OverviewTests extends MonitoringTestSupport {

    private static final String OVERVIEW = "/api/v1/monitoring/overview";
    private static final UUID MICHIGAN = UUID.fromString(PlatformStub.MICHIGAN_ID);
    private static final UUID NODE = UUID.fromString(PlatformStub.NODE_ID);

    @Test
    void anyUserReadsTheOverviewInItsExactShape() {
        awaitCatalogue();
        Instant now = Instant.parse("2026-03-03T12:00:00Z");
        clock.fixAt(now);
        UUID user = UUID.randomUUID();
        UUID queued = UUID.randomUUID();
        UUID running = UUID.randomUUID();
        UUID doneRecently = UUID.randomUUID();
        UUID doneEarlier = UUID.randomUUID();
        UUID failedRecently = UUID.randomUUID();
        append(EventEnvelope.wrap("/job-processor", new JobQueued(queued, user, NODE, 1, now.minusSeconds(60))));
        append(EventEnvelope.wrap("/job-processor", new JobStarted(running, user, NODE, "r", now.minusSeconds(60))));
        append(EventEnvelope.wrap(
                "/job-processor", new JobCompleted(doneRecently, user, NODE, List.of(), now.minusSeconds(1800))));
        append(EventEnvelope.wrap(
                "/job-processor", new JobCompleted(doneEarlier, user, NODE, List.of(), now.minusSeconds(3700))));
        append(EventEnvelope.wrap(
                "/job-processor", new JobFailed(failedRecently, user, MICHIGAN, "broken", now.minusSeconds(60))));
        // The node's health changed after the catalogue was read; Michigan's report is older than the catalogue's.
        append(EventEnvelope.wrap(
                "/service-registry",
                new ServiceHealthChanged(
                        NODE, "local-node", ServiceHealth.UNKNOWN, ServiceHealth.HEALTHY, null, now.minusSeconds(30))));
        append(EventEnvelope.wrap(
                "/service-registry",
                new ServiceHealthChanged(
                        MICHIGAN,
                        "michigan",
                        ServiceHealth.HEALTHY,
                        ServiceHealth.UNHEALTHY,
                        "timeout",
                        Instant.parse(PlatformStub.MICHIGAN_CHECKED_AT).minusSeconds(600))));
        await().atMost(PATIENCE).until(() -> handled("job-analytics") == 5 && handled("external-health") == 2);

        JsonNode overview = read(OVERVIEW, researcher());

        assertThat(names(overview))
                .containsExactly(
                        "services",
                        "servicesUp",
                        "servicesDown",
                        "externalServices",
                        "jobs",
                        "storageUsedBytes",
                        "generatedAt");
        assertThat(overview.get("services")).hasSize(3);
        JsonNode alpha = overview.get("services").get(0);
        assertThat(names(alpha)).containsExactly("name", "status", "version", "checkedAt");
        assertThat(alpha.get("name").asString()).isEqualTo("alpha");
        assertThat(alpha.get("status").asString()).isEqualTo("UNKNOWN");
        assertThat(alpha.get("version").isNull()).isTrue();
        assertThat(alpha.get("checkedAt").isNull()).isTrue();
        assertThat(overview.get("servicesUp").asLong()).isZero();
        assertThat(overview.get("servicesDown").asLong()).isZero();

        JsonNode external = overview.get("externalServices");
        assertThat(external).hasSize(2);
        assertThat(names(external.get(0))).containsExactly("id", "slug", "name", "status");
        assertThat(external.get(0).get("id").asString()).isEqualTo(NODE.toString());
        assertThat(external.get(0).get("slug").asString()).isEqualTo("local-node");
        assertThat(external.get(0).get("name").asString()).isEqualTo("FedImpute local node");
        assertThat(external.get(0).get("status").asString()).isEqualTo("UP");
        assertThat(external.get(1).get("name").asString()).isEqualTo("Michigan Imputation Server");
        assertThat(external.get(1).get("status").asString()).isEqualTo("UP");

        JsonNode jobs = overview.get("jobs");
        assertThat(names(jobs)).containsExactly("queued", "running", "completedLastHour", "failedLastHour");
        assertThat(List.of(
                        jobs.get("queued").asLong(),
                        jobs.get("running").asLong(),
                        jobs.get("completedLastHour").asLong(),
                        jobs.get("failedLastHour").asLong()))
                .containsExactly(1L, 1L, 1L, 1L);
        assertThat(overview.get("storageUsedBytes").asLong()).isEqualTo(PlatformStub.STORED_BYTES);
        assertThat(overview.get("generatedAt").asString()).isEqualTo("2026-03-03T12:00:00Z");
        assertThat(overview.toString()).doesNotContain(user.toString());

        assertThat(get(OVERVIEW, admin()).statusCode()).isEqualTo(200);
        assertThat(get(OVERVIEW, null).statusCode()).isEqualTo(401);
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.propertyNames().forEach(names::add);
        return names;
    }
}
