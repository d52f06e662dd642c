package org.fedimpute.monitoring.health;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fedimpute.monitoring.config.MonitoringProperties;
import org.fedimpute.monitoring.config.MonitoringProperties.PolledService;
import org.fedimpute.platform.jdbc.AdvisoryLocks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Polls every configured platform service on a schedule, all at once on virtual threads and on one instance at a
 * time (a PostgreSQL advisory lock), and keeps {@code fedimpute.monitoring.service.up{service}} (1 up, 0 down or
 * not known) in step with what the polls stored, on every instance.
 */
@Component
class PlatformHealthPoller {

    private static final Logger log = LoggerFactory.getLogger(PlatformHealthPoller.class);
    /** "FIMO" + 1: the advisory lock of a poll round. */
    private static final long POLL_LOCK = 0x46_49_4d_4f_0001L;

    private final PlatformHealth health;
    private final ReadinessProbe probe;
    private final MonitoringProperties properties;
    private final JdbcTemplate jdbc;
    private final MultiGauge up;

    PlatformHealthPoller(
            PlatformHealth health,
            ReadinessProbe probe,
            MonitoringProperties properties,
            JdbcTemplate jdbc,
            MeterRegistry meters) {
        this.health = health;
        this.probe = probe;
        this.properties = properties;
        this.jdbc = jdbc;
        this.up = MultiGauge.builder("fedimpute.monitoring.service.up")
                .description("Whether a platform service's readiness answered UP at the last poll (1) or not (0)")
                .register(meters);
    }

    @EventListener(ApplicationReadyEvent.class)
    void registerServices() {
        health.register();
        publish();
    }

    @Scheduled(
            fixedDelayString = "${fedimpute.monitoring.poll-interval:15s}",
            initialDelayString = "${fedimpute.monitoring.poll-interval:15s}")
    /** One round: polls every service unless another instance is at it, then shows the stored states. */
    void pollRound() {
        AdvisoryLocks.exclusively(jdbc, POLL_LOCK, () -> {
            pollAll();
            return true;
        });
        publish();
    }

    /** Polls every service now and stores what each answered. */
    private void pollAll() {
        List<PolledService> services = properties.services();
        try (ExecutorService polls = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<ProbeResult>> results = services.stream()
                    .map(service -> polls.submit(() -> probe.probe(service)))
                    .toList();
            for (int i = 0; i < services.size(); i++) {
                PolledService service = services.get(i);
                try {
                    health.record(service.name(), results.get(i).get());
                } catch (Exception e) {
                    log.warn("Could not record the poll of {}", service.name(), e);
                }
            }
        }
    }

    private void publish() {
        up.register(
                health.current().stream()
                        .map(state -> MultiGauge.Row.of(
                                Tags.of("service", state.name()), state.status() == HealthStatus.UP ? 1 : 0))
                        .toList(),
                true);
    }
}
