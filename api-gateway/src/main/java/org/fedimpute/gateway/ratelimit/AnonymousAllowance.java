package org.fedimpute.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The allowance of callers the gateway cannot name, counted per client IP. Besides their requests, it is charged
 * for every API key the gateway refuses, so guessing keys is held to the anonymous allowance: once an IP has used it
 * up, a key from there that the gateway has not seen lately is refused with 429 before user-service is asked about
 * it. This instance remembers such an IP until its allowance comes back, without asking Redis again.
 */
@Component
public class AnonymousAllowance {

    private final RateLimitBuckets buckets;
    private final AllowanceAnswers answers;
    private final RateLimitProperties properties;
    private final Cache<String, Long> usedUpUntil;

    AnonymousAllowance(RateLimitBuckets buckets, AllowanceAnswers answers, RateLimitProperties properties) {
        this.buckets = buckets;
        this.answers = answers;
        this.properties = properties;
        this.usedUpUntil = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfter(Expiry.<String, Long>creating(
                        (ip, until) -> Duration.ofNanos(Math.max(0, until - System.nanoTime()))))
                .build();
    }

    /** Whether this caller's IP used up its allowance, as far as this instance has seen. */
    public boolean isUsedUp(ServerWebExchange exchange) {
        return usedUpUntil.getIfPresent(callerOf(exchange).key()) != null;
    }

    /** Answers 429 for an IP that {@link #isUsedUp used up} its allowance. */
    public Mono<Void> refuse(ServerWebExchange exchange) {
        Caller caller = callerOf(exchange);
        Long until = usedUpUntil.getIfPresent(caller.key());
        return answers.refuse(exchange, caller, until == null ? 0 : until - System.nanoTime());
    }

    /**
     * Counts a refused API key against its IP's allowance and answers {@code refusal} (the 401; subscribed only then)
     * with the allowance's headers; when the allowance was used up already, answers 429 instead.
     */
    public Mono<Void> chargeRefusedKey(ServerWebExchange exchange, Mono<Void> refusal) {
        Caller caller = callerOf(exchange);
        return buckets.tryConsume(caller).flatMap(probe -> {
            answers.describe(exchange, caller, probe);
            if (probe.isConsumed()) {
                return refusal;
            }
            usedUpUntil.put(caller.key(), System.nanoTime() + probe.getNanosToWaitForRefill());
            return answers.refuse(exchange, caller, probe.getNanosToWaitForRefill());
        });
    }

    /** The anonymous caller behind this request: its client IP. */
    Caller callerOf(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        String ip = remote == null ? "unknown" : remote.getHostString();
        return new Caller(Caller.ANONYMOUS, Caller.ANONYMOUS + ":" + ip, properties.anonymous());
    }
}
