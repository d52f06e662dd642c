package org.fedimpute.registry.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fedimpute.registry.services.ServiceCatalogue;
import org.fedimpute.registry.services.ServiceEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Keeps every active service's panels fresh: each round syncs the services whose latest sync is older than the
 * interval, several at once on virtual threads, each on its own so one server's failure never stops the others. A
 * round runs on one instance at a time, and because "due" is read from the stored reports, several instances (or
 * restarts) still sync each service about once per interval.
 */
@Component
@EnableConfigurationProperties(PanelSyncProperties.class)
class ScheduledPanelSync implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ScheduledPanelSync.class);

    private final PanelSync sync;
    private final ServiceCatalogue services;
    private final PanelSyncStore store;
    private final PanelSyncProperties properties;
    private final Clock clock;

    ScheduledPanelSync(
            PanelSync sync,
            ServiceCatalogue services,
            PanelSyncStore store,
            PanelSyncProperties properties,
            Clock clock) {
        this.sync = sync;
        this.services = services;
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        if (properties.scheduled()) {
            tasks.addFixedDelayTask(new FixedDelayTask(this::round, properties.tick(), properties.initialDelay()));
        }
    }

    /** One round: the reports of the services it synced; none when another instance is running a round. */
    List<PanelSyncReport> round() {
        return store.exclusively(() -> syncAll(due())).orElseGet(() -> {
            log.debug("Another instance is running a panel sync round; skipping this one");
            return List.of();
        });
    }

    private List<ServiceEndpoint> due() {
        Instant horizon = Instant.now(clock).minus(properties.interval());
        Map<UUID, Instant> lastStarted = store.lastStartedByService();
        return services.endpoints().stream()
                .filter(ServiceEndpoint::active)
                .filter(service -> {
                    Instant last = lastStarted.get(service.id());
                    return last == null || !last.isAfter(horizon);
                })
                .toList();
    }

    private List<PanelSyncReport> syncAll(List<ServiceEndpoint> due) {
        if (due.isEmpty()) {
            return List.of();
        }
        List<PanelSyncReport> reports = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(
                Math.min(properties.concurrency(), due.size()),
                Thread.ofVirtual().name("panel-sync-", 0).factory())) {
            List<Future<PanelSyncReport>> runs = due.stream()
                    .map(service -> threads.submit(() -> sync.sync(service, SyncTrigger.SCHEDULED)))
                    .toList();
            for (int i = 0; i < runs.size(); i++) {
                try {
                    reports.add(runs.get(i).get());
                } catch (ExecutionException e) {
                    log.warn(
                            "Panel sync of {} could not be recorded", due.get(i).slug(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    threads.shutdownNow();
                    break;
                }
            }
        }
        long failed = reports.stream().filter(report -> report.error() != null).count();
        long changed =
                reports.stream().filter(report -> !report.changes().isEmpty()).count();
        log.info(
                "Panel sync round: {} services due, {} changed, {} could not be read, {} not recorded",
                due.size(),
                changed,
                failed,
                due.size() - reports.size());
        return reports;
    }
}
