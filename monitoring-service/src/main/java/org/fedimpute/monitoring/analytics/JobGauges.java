package org.fedimpute.monitoring.analytics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fedimpute.monitoring.analytics.JobAnalytics.ActiveJobs;
import org.fedimpute.monitoring.external.ExternalServices;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Publishes {@code fedimpute.monitoring.jobs{status, service}}: the jobs queued and running per imputation service
 * (by slug where known), read from the read model on a schedule, so every instance shows the same numbers and a
 * known service without jobs shows 0 rather than no series.
 */
@Component
class JobGauges {

    private final JobAnalytics analytics;
    private final ExternalServices services;
    private final MultiGauge jobs;

    JobGauges(JobAnalytics analytics, ExternalServices services, MeterRegistry meters) {
        this.analytics = analytics;
        this.services = services;
        this.jobs = MultiGauge.builder("fedimpute.monitoring.jobs")
                .description("Jobs queued and running now, per imputation service")
                .register(meters);
    }

    @Scheduled(fixedDelayString = "${fedimpute.monitoring.poll-interval:15s}", initialDelay = 0)
    void refresh() {
        Map<UUID, String> slugs = services.slugs();
        Map<UUID, ActiveJobs> active = new HashMap<>();
        slugs.keySet().forEach(id -> active.put(id, new ActiveJobs(id, 0, 0)));
        analytics.activeByService().forEach(service -> active.put(service.serviceId(), service));
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        active.values().forEach(service -> {
            String name =
                    slugs.getOrDefault(service.serviceId(), service.serviceId().toString());
            rows.add(MultiGauge.Row.of(Tags.of("status", "queued", "service", name), service.queued()));
            rows.add(MultiGauge.Row.of(Tags.of("status", "running", "service", name), service.running()));
        });
        jobs.register(rows, true);
    }
}
