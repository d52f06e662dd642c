package org.fedimpute.registry.sync;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the scheduled panel sync runs ({@code fedimpute.registry.sync.*}).
 *
 * @param scheduled whether this instance syncs on a schedule at all (manual syncs always work)
 * @param interval how old a service's latest sync may grow before the schedule syncs it again
 * @param checkEvery how often the schedule looks for services that are due (capped at the interval)
 * @param initialDelay how long after start the schedule first looks
 * @param concurrency how many servers one round reads at once
 */
@ConfigurationProperties("fedimpute.registry.sync")
record PanelSyncProperties(
        @DefaultValue("true") boolean scheduled,
        @DefaultValue("24h") Duration interval,
        @DefaultValue("1h") Duration checkEvery,
        @DefaultValue("10m") Duration initialDelay,
        @DefaultValue("16") int concurrency) {

    PanelSyncProperties {
        if (!interval.isPositive() || !checkEvery.isPositive() || initialDelay.isNegative()) {
            throw new IllegalArgumentException(
                    "fedimpute.registry.sync: interval and check-every must be positive, initial-delay not negative");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("fedimpute.registry.sync.concurrency must be at least 1");
        }
    }

    Duration tick() {
        return checkEvery.compareTo(interval) < 0 ? checkEvery : interval;
    }
}
