package org.fedimpute.registry.discovery;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How discovery weighs what it knows of a service, and how far back it looks.
 *
 * @param distanceHalfScoreKm the distance at which the distance component falls to one half
 * @param latencyHalfScoreMs the median response time at which the latency component falls to one half
 * @param latencyWindow how far back health checks count towards the median response time
 * @param outcomeWindow how far back finished jobs count towards the success rate
 */
@ConfigurationProperties("fedimpute.registry.discovery")
@Validated
record DiscoveryProperties(
        @DefaultValue @Valid Weights weights,
        @DefaultValue("2000") @Positive double distanceHalfScoreKm,
        @DefaultValue("500") @Positive double latencyHalfScoreMs,
        @DefaultValue("24h") Duration latencyWindow,
        @DefaultValue("30d") Duration outcomeWindow) {

    /**
     * The weight of each component in the score; the score divides by their sum, so only their ratios matter.
     *
     * @param successRate the weight of recent job success, the best evidence that a job will finish
     */
    record Weights(
            @DefaultValue("0.25") @PositiveOrZero double distance,
            @DefaultValue("0.15") @PositiveOrZero double latency,
            @DefaultValue("0.4") @PositiveOrZero double successRate,
            @DefaultValue("0.2") @PositiveOrZero double panelMatch) {

        Weights {
            if (!(distance + latency + successRate + panelMatch > 0)) {
                throw new IllegalArgumentException("at least one discovery weight must be positive");
            }
        }

        double total() {
            return distance + latency + successRate + panelMatch;
        }
    }
}
