package org.fedimpute.monitoring.overview;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.fedimpute.monitoring.analytics.JobAnalytics;
import org.fedimpute.monitoring.analytics.JobAnalytics.Activity;
import org.fedimpute.monitoring.external.ExternalServices;
import org.fedimpute.monitoring.health.HealthStatus;
import org.fedimpute.monitoring.health.PlatformHealth;
import org.fedimpute.monitoring.health.ServiceState;
import org.fedimpute.monitoring.storage.StorageUsage;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The platform at a glance for any signed-in user: its services' health and versions, the external imputation
 * services' health, jobs waiting, running and ending, and storage in use. It holds no per-user data.
 */
@RestController
class OverviewController {

    private final PlatformHealth platform;
    private final ExternalServices external;
    private final JobAnalytics jobs;
    private final StorageUsage storage;
    private final Clock clock;

    OverviewController(
            PlatformHealth platform, ExternalServices external, JobAnalytics jobs, StorageUsage storage, Clock clock) {
        this.platform = platform;
        this.external = external;
        this.jobs = jobs;
        this.storage = storage;
        this.clock = clock;
    }

    @GetMapping("/api/v1/monitoring/overview")
    Overview overview() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<ServiceState> services = platform.current();
        Activity activity = jobs.activity(now);
        return new Overview(
                services.stream()
                        .map(state -> new Overview.PlatformService(
                                state.name(), state.status(), state.version(), state.checkedAt()))
                        .toList(),
                services.stream()
                        .filter(state -> state.status() == HealthStatus.UP)
                        .count(),
                services.stream()
                        .filter(state -> state.status() == HealthStatus.DOWN)
                        .count(),
                external.all().stream()
                        .map(service -> new Overview.ExternalService(
                                service.id(), service.slug(), service.name(), service.status()))
                        .toList(),
                new Overview.Jobs(
                        activity.queued(), activity.running(), activity.completedLastHour(), activity.failedLastHour()),
                storage.usedBytes(),
                now);
    }

    /** The overview's fixed shape, which dashboards and other services read. */
    record Overview(
            List<PlatformService> services,
            long servicesUp,
            long servicesDown,
            List<ExternalService> externalServices,
            Jobs jobs,
            Long storageUsedBytes,
            Instant generatedAt) {

        record PlatformService(String name, HealthStatus status, String version, Instant checkedAt) {}

        record ExternalService(UUID id, String slug, String name, HealthStatus status) {}

        record Jobs(long queued, long running, long completedLastHour, long failedLastHour) {}
    }
}
