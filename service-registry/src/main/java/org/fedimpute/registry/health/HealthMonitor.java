package org.fedimpute.registry.health;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.fedimpute.events.ServiceHealth;
import org.fedimpute.registry.services.ServiceCatalogue;
import org.fedimpute.registry.services.ServiceEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Probes the services: every switched-on one in a health cycle (deactivated ones included, so that they can be seen
 * answering again), or one on an admin's demand. A cycle runs each probe on a virtual thread, at most
 * {@code maxConcurrentProbes} at once, under a deadline, so a hanging server delays nobody else; only one cycle runs
 * at a time across all registry instances.
 */
@Component
class HealthMonitor {

    private static final Logger log = LoggerFactory.getLogger(HealthMonitor.class);

    private final ServiceCatalogue catalogue;
    private final ProbeClient probes;
    private final HealthLedger ledger;
    private final HealthRepository repository;
    private final HealthProperties properties;
    private final Clock clock;
    private final Timer cycles;
    private final Counter healthyProbes;
    private final Counter unhealthyProbes;
    private final Counter unfinishedProbes;
    private final MeterRegistry meters;
    private final MultiGauge serviceUp;

    HealthMonitor(
            ServiceCatalogue catalogue,
            ProbeClient probes,
            HealthLedger ledger,
            HealthRepository repository,
            HealthProperties properties,
            Clock clock,
            MeterRegistry meters) {
        this.catalogue = catalogue;
        this.probes = probes;
        this.ledger = ledger;
        this.repository = repository;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        this.serviceUp = MultiGauge.builder("fedimpute.registry.service.up")
                .description("1 when the switched-on service's last scheduled probe found it healthy, else 0")
                .register(meters);
        this.cycles = Timer.builder("fedimpute.registry.health.cycle")
                .description("Duration of health cycles over all switched-on services")
                .register(meters);
        this.healthyProbes = probeCounter(meters, "healthy");
        this.unhealthyProbes = probeCounter(meters, "unhealthy");
        this.unfinishedProbes = probeCounter(meters, "unfinished");
        for (ServiceHealth health : ServiceHealth.values()) {
            Gauge.builder("fedimpute.registry.services", ledger, services -> services.activeServicesWith(health))
                    .description("Switched-on imputation services by current health")
                    .tag("health", health.name())
                    .register(meters);
        }
    }

    private static Counter probeCounter(MeterRegistry meters, String outcome) {
        return Counter.builder("fedimpute.registry.health.probes")
                .description("Health probes by outcome; unfinished ones were still running at the cycle's deadline")
                .tag("outcome", outcome)
                .register(meters);
    }

    /** One health cycle over every switched-on service; empty when another cycle is running. */
    Optional<CycleSummary> runCycle() {
        Optional<CycleSummary> summary = repository.exclusively(this::probeEveryActiveService);
        if (summary.isEmpty()) {
            log.debug("Health cycle skipped: another one is running");
        }
        return summary;
    }

    /** Probes the service now, whether switched on or not, and records the check. */
    HealthCheckResponse checkNow(UUID serviceId) {
        ServiceEndpoint service = catalogue.endpoint(serviceId).orElseThrow(ServiceCatalogue::notFound);
        HealthCheck check = check(service);
        ledger.record(List.of(check));
        count(List.of(check));
        return HealthCheckResponse.of(check);
    }

    private CycleSummary probeEveryActiveService() {
        long started = System.nanoTime();
        List<ServiceEndpoint> targets =
                catalogue.endpoints().stream().filter(ServiceEndpoint::active).toList();
        List<HealthCheck> checks =
                probeAll(targets, started + properties.cycleTimeout().toNanos());
        ledger.record(checks);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        cycles.record(took);
        publishUp(targets, checks);
        int healthy = count(checks);
        int unfinished = targets.size() - checks.size();
        unfinishedProbes.increment(unfinished);
        CycleSummary summary = new CycleSummary(targets.size(), healthy, checks.size() - healthy, unfinished, took);
        if (unfinished > 0) {
            log.warn("Health cycle: {} probes still running at the deadline were abandoned", unfinished);
        }
        log.info(
                "Health cycle: {} services in {} ms, {} healthy, {} unhealthy",
                summary.services(),
                took.toMillis(),
                summary.healthy(),
                summary.unhealthy());
        return summary;
    }

    private List<HealthCheck> probeAll(List<ServiceEndpoint> targets, long deadlineNanos) {
        Semaphore permits = new Semaphore(properties.maxConcurrentProbes());
        List<HealthCheck> checks = new ArrayList<>(targets.size());
        try (ExecutorService probing = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<HealthCheck>> running = targets.stream()
                    .map(service -> probing.submit(() -> checkWithPermit(service, permits)))
                    .toList();
            for (Future<HealthCheck> probe : running) {
                awaitUntil(probe, deadlineNanos).ifPresent(checks::add);
            }
        }
        return checks;
    }

    private HealthCheck checkWithPermit(ServiceEndpoint service, Semaphore permits) throws InterruptedException {
        permits.acquire();
        try {
            return check(service);
        } finally {
            permits.release();
        }
    }

    private HealthCheck check(ServiceEndpoint service) {
        return new HealthCheck(service, Instant.now(clock).truncatedTo(ChronoUnit.MICROS), probes.probe(service));
    }

    /** The probe's check, or empty if it is still running at the deadline (it is then cancelled). */
    private static Optional<HealthCheck> awaitUntil(Future<HealthCheck> probe, long deadlineNanos) {
        try {
            return Optional.of(probe.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            probe.cancel(true);
            return Optional.empty();
        } catch (ExecutionException e) {
            log.warn("A health probe failed unexpectedly", e.getCause());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            probe.cancel(true);
            return Optional.empty();
        }
    }

    /** Sets each switched-on service's up gauge; one whose probe did not finish counts as down. */
    private void publishUp(List<ServiceEndpoint> targets, List<HealthCheck> checks) {
        Set<UUID> healthy = checks.stream()
                .filter(check -> check.result().isHealthy())
                .map(check -> check.service().id())
                .collect(Collectors.toSet());
        serviceUp.register(
                targets.stream()
                        .map(service -> MultiGauge.Row.of(
                                Tags.of("service", service.slug()), healthy.contains(service.id()) ? 1 : 0))
                        .toList(),
                true);
    }

    /** Counts the checks by outcome, times each by service and outcome, and answers how many were healthy. */
    private int count(List<HealthCheck> checks) {
        for (HealthCheck check : checks) {
            Timer.builder("fedimpute.registry.health.probe")
                    .description("How long a health probe of an external service took, by service and outcome")
                    .tag("service", check.service().slug())
                    .tag("outcome", check.result().isHealthy() ? "healthy" : "unhealthy")
                    .publishPercentileHistogram()
                    .maximumExpectedValue(Duration.ofMinutes(1))
                    .register(meters)
                    .record(Duration.ofMillis(check.result().responseMs()));
        }
        int healthy = (int)
                checks.stream().filter(check -> check.result().isHealthy()).count();
        healthyProbes.increment(healthy);
        unhealthyProbes.increment(checks.size() - healthy);
        return healthy;
    }
}
