package org.fedimpute.gateway.ratelimit;

import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.fedimpute.gateway.errors.ProblemResponses;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Tells a caller where they stand against their allowance, in the same {@code X-RateLimit-*} headers and 429 answer
 * whichever request was counted: a call to a service, or an API key the gateway refused. {@code X-RateLimit-Reset} is
 * the number of seconds until the allowance is whole again (not an epoch time), so clients need no synchronised
 * clock.
 */
@Component
class AllowanceAnswers {

    static final String LIMIT = "X-RateLimit-Limit";
    static final String REMAINING = "X-RateLimit-Remaining";
    static final String RESET = "X-RateLimit-Reset";

    private final ProblemResponses problems;
    private final Map<String, Counter> rejected = new HashMap<>();

    AllowanceAnswers(ProblemResponses problems, MeterRegistry meters) {
        this.problems = problems;
        for (String tier : Caller.LIMITED_TIERS) {
            rejected.put(
                    tier,
                    Counter.builder("fedimpute.gateway.ratelimit.rejected")
                            .description("Requests answered 429 because the caller's allowance was used up")
                            .tag("tier", tier)
                            .register(meters));
        }
    }

    /** Sets the caller's limit, what is left of it and when it is whole again on the response. */
    void describe(ServerWebExchange exchange, Caller caller, ConsumptionProbe probe) {
        HttpHeaders headers = exchange.getResponse().getHeaders();
        headers.set(LIMIT, Long.toString(caller.limit()));
        headers.set(REMAINING, Long.toString(probe.getRemainingTokens()));
        headers.set(RESET, Long.toString(secondsFrom(probe.getNanosToWaitForReset())));
    }

    /** Answers 429, telling the caller to come back in {@code retryAfterNanos}; the service is not called. */
    Mono<Void> refuse(ServerWebExchange exchange, Caller caller, long retryAfterNanos) {
        long retryAfter = Math.max(1, secondsFrom(retryAfterNanos));
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        rejected.get(caller.tier()).increment();
        return problems.write(
                exchange,
                HttpStatus.TOO_MANY_REQUESTS,
                "You have used your " + caller.limit() + " requests for this period. Try again in " + retryAfter
                        + " seconds.");
    }

    private static long secondsFrom(long nanos) {
        return (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
    }
}
