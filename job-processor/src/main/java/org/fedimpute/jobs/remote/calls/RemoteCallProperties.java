package org.fedimpute.jobs.remote.calls;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How patiently and how hard job-processor calls each remote imputation server; every service gets its own retry,
 * circuit breaker and bulkhead with these settings.
 *
 * @param retry how failed calls (5xx, timeouts, broken connections; never 4xx) are tried again
 * @param circuitBreaker when a service that keeps failing stops being called for a while
 * @param bulkhead how many calls to one service may be in flight at once
 */
@Validated
@ConfigurationProperties("fedimpute.jobs.remote")
public record RemoteCallProperties(
        @DefaultValue @Valid Retry retry,
        @DefaultValue @Valid CircuitBreaker circuitBreaker,
        @DefaultValue @Valid Bulkhead bulkhead) {

    /**
     * @param retries how many times a failed call is tried again (so {@code retries + 1} attempts at most)
     * @param initialBackoff the wait before the first retry
     * @param multiplier how much each further wait grows
     */
    public record Retry(
            @DefaultValue("3") @PositiveOrZero int retries,
            @DefaultValue("1s") Duration initialBackoff,
            @DefaultValue("2") @DecimalMin("1.0") double multiplier) {}

    /**
     * @param failureRateThreshold the percentage of failed calls, among the last {@code slidingWindow}, that opens
     *     the circuit
     * @param slidingWindow how many of the latest calls are judged; the circuit cannot open before that many
     * @param openFor how long an open circuit fails calls fast before letting a few through again
     * @param halfOpenCalls how many trial calls decide whether the circuit closes again
     */
    public record CircuitBreaker(
            @DefaultValue("50") @DecimalMin("1") @DecimalMax("100")
            float failureRateThreshold,

            @DefaultValue("10") @Positive int slidingWindow,
            @DefaultValue("60s") Duration openFor,
            @DefaultValue("2") @Positive int halfOpenCalls) {}

    /** @param maxConcurrentCalls calls beyond this many fail at once as unavailable, without reaching the server */
    public record Bulkhead(@DefaultValue("8") @Positive int maxConcurrentCalls) {}
}
