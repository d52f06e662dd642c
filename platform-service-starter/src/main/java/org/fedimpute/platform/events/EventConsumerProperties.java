package org.fedimpute.platform.events;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service that consumes events reads its streams (its schema has a {@code processed_event} table).
 *
 * @param enabled whether this service's {@link EventHandler} methods receive events
 * @param pollTimeout how long one read waits for new entries; keep it below {@code spring.data.redis.timeout}
 * @param batchSize how many entries one read or one reclaim takes
 * @param claimIdle how long an entry stays unacknowledged (its handler failed, or its instance died) before it is
 *     taken over and delivered again
 * @param maxDeliveries after this many failed deliveries an entry is parked on {@code <stream>.dead-letter}
 * @param retention how long processed event ids are remembered; longer than any entry can stay pending
 * @param uncataloguedHold how long an entry of a type this build does not know stays pending for an instance that
 *     knows it (a rolling deploy takes minutes) before it is parked on {@code <stream>.dead-letter}
 */
@ConfigurationProperties("fedimpute.events.consumer")
public record EventConsumerProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("2s") Duration pollTimeout,
        @DefaultValue("50") int batchSize,
        @DefaultValue("1m") Duration claimIdle,
        @DefaultValue("5") int maxDeliveries,
        @DefaultValue("14d") Duration retention,
        @DefaultValue("1d") Duration uncataloguedHold) {

    public EventConsumerProperties {
        requirePositive(pollTimeout, "poll-timeout");
        requirePositive(claimIdle, "claim-idle");
        requirePositive(retention, "retention");
        requirePositive(uncataloguedHold, "uncatalogued-hold");
        if (batchSize < 1 || maxDeliveries < 1) {
            throw new IllegalArgumentException("fedimpute.events.consumer.batch-size and max-deliveries must be >= 1");
        }
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("fedimpute.events.consumer." + name + " must be positive");
        }
    }
}
