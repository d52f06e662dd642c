package org.fedimpute.gateway.resilience;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When a route's circuit opens and for how long; each route has its own breaker with these settings.
 *
 * @param failureRateThreshold percentage of failed calls (unreachable or timed out) that opens the circuit
 * @param slidingWindowSize number of most recent calls the failure rate is computed over
 * @param minimumNumberOfCalls calls needed before the failure rate is judged at all
 * @param waitDurationInOpenState how long an open circuit answers 503 at once before it lets trial calls through
 * @param permittedCallsInHalfOpenState trial calls that decide whether the circuit closes again
 */
@ConfigurationProperties("fedimpute.gateway.circuit-breaker")
record CircuitBreakerProperties(
        @DefaultValue("50") float failureRateThreshold,
        @DefaultValue("20") int slidingWindowSize,
        @DefaultValue("10") int minimumNumberOfCalls,
        @DefaultValue("10s") Duration waitDurationInOpenState,
        @DefaultValue("3") int permittedCallsInHalfOpenState) {}
