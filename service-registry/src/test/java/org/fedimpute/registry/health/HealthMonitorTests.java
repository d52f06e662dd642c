package org.fedimpute.registry.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.fedimpute.registry.services.ServiceCatalogue;
import org.fedimpute.registry.services.ServiceEndpoint;
import org.fedimpute.registry.services.ServiceKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mockito.ArgumentCaptor;

/** The cycle's concurrency on its own: the bound on probes in flight, and the deadline that no hanging probe passes. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HealthMonitorTests {

    private final ServiceCatalogue catalogue = mock(ServiceCatalogue.class);
    private final ProbeClient probes = mock(ProbeClient.class);
    private final HealthLedger ledger = mock(HealthLedger.class);
    private final HealthRepository repository = mock(HealthRepository.class);

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();

    @Test
    void noMoreProbesThanTheLimitAreInFlightAtOnce() {
        List<ServiceEndpoint> services = services("bounded", 40);
        when(catalogue.endpoints()).thenReturn(services);
        when(probes.probe(any())).thenAnswer(call -> answerAfter(Duration.ofMillis(20)));

        CycleSummary summary = monitor(3, Duration.ofMinutes(1)).runCycle().orElseThrow();

        assertThat(summary.healthy()).isEqualTo(40);
        assertThat(mostInFlight.get()).isBetween(1, 3);
        assertThat(recorded()).hasSize(40);
    }

    @Test
    void aProbeThatHangsIsAbandonedAtTheDeadlineAndTheOthersAreRecorded() {
        ServiceEndpoint hanging = services("hanging", 1).getFirst();
        List<ServiceEndpoint> others = services("answering", 5);
        when(catalogue.endpoints())
                .thenReturn(
                        List.of(others.get(0), hanging, others.get(1), others.get(2), others.get(3), others.get(4)));
        when(probes.probe(any())).thenAnswer(call -> {
            ServiceEndpoint service = call.getArgument(0);
            return answerAfter(service.equals(hanging) ? Duration.ofHours(1) : Duration.ofMillis(10));
        });

        CycleSummary summary = monitor(10, Duration.ofMillis(500)).runCycle().orElseThrow();

        assertThat(summary.unfinished()).isEqualTo(1);
        assertThat(summary.healthy()).isEqualTo(5);
        assertThat(recorded()).extracting(HealthCheck::service).containsExactlyInAnyOrderElementsOf(others);
    }

    @Test
    void switchedOffServicesAreLeftOutOfTheCycle() {
        ServiceEndpoint on = services("on", 1).getFirst();
        ServiceEndpoint off = new ServiceEndpoint(
                UUID.randomUUID(),
                "off",
                "Off",
                ServiceKind.MICHIGAN,
                "https://off.example.org",
                null,
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                null,
                false);
        when(catalogue.endpoints()).thenReturn(List.of(on, off));
        when(probes.probe(any())).thenAnswer(call -> answerAfter(Duration.ZERO));

        CycleSummary summary = monitor(10, Duration.ofMinutes(1)).runCycle().orElseThrow();

        assertThat(summary.services()).isEqualTo(1);
        assertThat(recorded()).extracting(HealthCheck::service).containsExactly(on);
    }

    private HealthMonitor monitor(int maxConcurrentProbes, Duration cycleTimeout) {
        when(repository.exclusively(any()))
                .thenAnswer(call -> Optional.of(call.<Supplier<?>>getArgument(0).get()));
        HealthProperties properties = new HealthProperties(
                Duration.ofMinutes(5),
                Duration.ofMinutes(1),
                cycleTimeout,
                maxConcurrentProbes,
                Duration.ofDays(30),
                Duration.ofDays(90));
        return new HealthMonitor(
                catalogue, probes, ledger, repository, properties, Clock.systemUTC(), new SimpleMeterRegistry());
    }

    @SuppressWarnings("unchecked")
    private List<HealthCheck> recorded() {
        ArgumentCaptor<List<HealthCheck>> checks = ArgumentCaptor.forClass(List.class);
        verify(ledger).record(checks.capture());
        return checks.getValue();
    }

    private ProbeResult answerAfter(Duration delay) {
        mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            Thread.sleep(delay);
            return ProbeResult.healthy(200, (int) delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeResult.unhealthy(null, 0, "probe cancelled");
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private static List<ServiceEndpoint> services(String prefix, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> new ServiceEndpoint(
                        UUID.randomUUID(),
                        prefix + "-" + i,
                        prefix + " " + i,
                        ServiceKind.GA4GH_WES,
                        "https://" + prefix + i + ".example.org",
                        null,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1),
                        null,
                        true))
                .toList();
    }
}
