package org.fedimpute.registry.health;

import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How often and how widely the registry probes the services, and how long it keeps and tolerates bad health.
 *
 * @param interval the pause between the end of one health cycle and the start of the next
 * @param initialDelay the wait before the first cycle after start-up
 * @param cycleTimeout how long one cycle may take; probes still running then are abandoned and not recorded
 * @param maxConcurrentProbes how many probes are in flight at once
 * @param deactivateAfter how long a service may stay unhealthy before researchers are no longer offered it
 * @param historyRetention how long every check stays in the history
 */
@Validated
@ConfigurationProperties("fedimpute.registry.health")
record HealthProperties(
        @DefaultValue("5m") Duration interval,
        @DefaultValue("1m") Duration initialDelay,
        @DefaultValue("4m") Duration cycleTimeout,
        @DefaultValue("256") @Positive int maxConcurrentProbes,
        @DefaultValue("30d") Duration deactivateAfter,
        @DefaultValue("90d") Duration historyRetention) {}
