package org.fedimpute.gateway.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Decides where a request is counted: in Redis, shared by every gateway instance, or, while Redis does not answer
 * within the configured wait, in this instance's own buckets with the same limits. It says once in the log when it
 * switches either way, and shows the state in the gauge {@code fedimpute.gateway.ratelimit.fallback}.
 */
@Component
class RateLimitBuckets {

    private static final Logger log = LoggerFactory.getLogger(RateLimitBuckets.class);

    private final RedisBuckets redis;
    private final RateLimitProperties properties;
    private final Map<Long, BucketConfiguration> configurations = new ConcurrentHashMap<>();
    private final Map<String, Bucket> local = new ConcurrentHashMap<>();
    private final AtomicBoolean fallback = new AtomicBoolean();
    private final AtomicLong nextRedisAttempt = new AtomicLong();

    RateLimitBuckets(RedisBuckets redis, RateLimitProperties properties, MeterRegistry meters) {
        this.redis = redis;
        this.properties = properties;
        Gauge.builder("fedimpute.gateway.ratelimit.fallback", fallback, state -> state.get() ? 1 : 0)
                .description("1 while rate limits are counted per instance because Redis is unreachable")
                .register(meters);
    }

    /** Takes one request from the caller's allowance and reports what is left. */
    Mono<ConsumptionProbe> tryConsume(Caller caller) {
        if (fallback.get() && System.nanoTime() - nextRedisAttempt.get() < 0) {
            return Mono.fromSupplier(() -> consumeLocally(caller));
        }
        return redis.tryConsume(caller, configurationFor(caller.limit()))
                .timeout(properties.redisTimeout())
                .doOnNext(probe -> redisAnswered())
                .onErrorResume(failure -> {
                    redisFailed(failure);
                    return Mono.fromSupplier(() -> consumeLocally(caller));
                });
    }

    private ConsumptionProbe consumeLocally(Caller caller) {
        return local.computeIfAbsent(
                        caller.key(),
                        key -> Bucket.builder()
                                .addLimit(bandwidth(caller.limit()))
                                .build())
                .tryConsumeAndReturnRemaining(1);
    }

    private void redisFailed(Throwable failure) {
        nextRedisAttempt.set(System.nanoTime() + properties.redisRetryInterval().toNanos());
        if (fallback.compareAndSet(false, true)) {
            log.warn(
                    "Redis did not answer ({}): counting rate limits in this instance only, trying Redis again every {}",
                    failure.toString(),
                    properties.redisRetryInterval());
        }
    }

    private void redisAnswered() {
        if (fallback.compareAndSet(true, false)) {
            local.clear();
            log.info("Redis answers again: rate limits are shared by all gateway instances again");
        }
    }

    private BucketConfiguration configurationFor(long limit) {
        return configurations.computeIfAbsent(
                limit,
                ignored ->
                        BucketConfiguration.builder().addLimit(bandwidth(limit)).build());
    }

    private Bandwidth bandwidth(long limit) {
        return Bandwidth.builder()
                .capacity(limit)
                .refillIntervally(limit, properties.period())
                .build();
    }
}
