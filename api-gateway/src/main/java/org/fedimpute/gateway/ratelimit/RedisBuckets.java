package org.fedimpute.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Scheduler;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.Optimization;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Keeps the buckets in Redis through bucket4j's compare-and-swap Lettuce proxy, connecting only when a request needs
 * it (never at start-up, so the gateway starts without Redis) and connecting afresh after the connection was lost,
 * so that a Redis that comes back is used again.
 *
 * <p>A compare-and-swap costs two round trips to Redis (read, then a scripted swap), on every request's path. So each
 * caller's bucket is used through bucket4j's delaying optimization: this instance counts up to {@code
 * unsynchronized-requests} of a caller's requests in its own copy of the bucket, then writes them to Redis with the
 * next request, at least every {@code unsynchronized-time}. The copies of callers seen lately are kept (that is
 * where the optimization keeps its counts); one unused for {@code unsynchronized-time} is dropped after its counts
 * were written.
 */
@Component
class RedisBuckets implements DisposableBean {

    private static final String KEY_PREFIX = "fedimpute:ratelimit:";
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private final RedisClient client;
    private final RedisURI uri;
    private final AtomicReference<CompletableFuture<Connected>> connection = new AtomicReference<>();
    private final RateLimitProperties properties;

    RedisBuckets(DataRedisConnectionDetails details, ClientResources resources, RateLimitProperties properties) {
        this.properties = properties;
        this.uri = uriOf(details);
        this.client = RedisClient.create(resources);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(false)
                .socketOptions(SocketOptions.builder()
                        .connectTimeout(properties.redisTimeout())
                        .build())
                .timeoutOptions(TimeoutOptions.enabled(properties.redisTimeout()))
                .build());
    }

    /** Takes one token from the caller's bucket in Redis, creating the bucket with this configuration if needed. */
    Mono<ConsumptionProbe> tryConsume(Caller caller, BucketConfiguration configuration) {
        return Mono.defer(() -> Mono.fromFuture(connected(), true))
                .flatMap(connected -> Mono.fromFuture(() -> connected
                        .bucket(KEY_PREFIX + caller.key(), configuration)
                        .tryConsumeAndReturnRemaining(1)));
    }

    private CompletableFuture<Connected> connected() {
        CompletableFuture<Connected> current = connection.get();
        if (current != null && !isLost(current)) {
            return current;
        }
        CompletableFuture<Connected> fresh = client.connectAsync(CODEC, uri)
                .toCompletableFuture()
                .thenApply(opened -> new Connected(opened, properties));
        if (!connection.compareAndSet(current, fresh)) {
            fresh.thenAccept(Connected::close);
            return connection.get();
        }
        if (current != null) {
            current.thenAccept(Connected::close);
        }
        return fresh;
    }

    private static boolean isLost(CompletableFuture<Connected> connecting) {
        return connecting.isCompletedExceptionally()
                || (connecting.isDone() && !connecting.join().connection().isOpen());
    }

    private static RedisURI uriOf(DataRedisConnectionDetails details) {
        DataRedisConnectionDetails.Standalone standalone = details.getStandalone();
        RedisURI.Builder uri = RedisURI.builder()
                .withHost(standalone.getHost())
                .withPort(standalone.getPort())
                .withDatabase(standalone.getDatabase());
        if (details.getPassword() != null && details.getUsername() != null) {
            uri.withAuthentication(details.getUsername(), details.getPassword());
        } else if (details.getPassword() != null) {
            uri.withPassword(details.getPassword().toCharArray());
        }
        return uri.build();
    }

    @Override
    public void destroy() {
        CompletableFuture<Connected> current = connection.getAndSet(null);
        if (current != null) {
            try {
                current.thenCompose(Connected::close).get(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // Never connected, or Redis is gone: the counts held here are lost with this instance.
            }
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
    }

    /** One open connection, the bucket4j proxy manager that works through it, and the callers' buckets in use. */
    private record Connected(
            StatefulRedisConnection<String, byte[]> connection,
            AsyncProxyManager<String> manager,
            Optimization optimization,
            Cache<String, AsyncBucketProxy> buckets) {

        Connected(StatefulRedisConnection<String, byte[]> connection, RateLimitProperties properties) {
            this(
                    connection,
                    Bucket4jLettuce.casBasedBuilder(connection)
                            .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                                    Duration.ofMinutes(1)))
                            .build()
                            .asAsync(),
                    Optimizations.delaying(
                            new DelayParameters(properties.unsynchronizedRequests(), properties.unsynchronizedTime())),
                    Caffeine.newBuilder()
                            .expireAfterAccess(properties.unsynchronizedTime())
                            .scheduler(Scheduler.systemScheduler())
                            .<String, AsyncBucketProxy>removalListener((key, bucket, cause) -> {
                                if (bucket != null) {
                                    writeHeldCounts(bucket);
                                }
                            })
                            .build());
        }

        /** The caller's bucket, with the counts this instance has not yet written to Redis. */
        AsyncBucketProxy bucket(String key, BucketConfiguration configuration) {
            return buckets.get(
                    key,
                    ignored -> manager.builder().withOptimization(optimization).build(key, configuration));
        }

        /** Writes the counts still held here, as far as Redis answers within a second, then closes the connection. */
        CompletableFuture<Void> close() {
            CompletableFuture<?>[] written = buckets.asMap().values().stream()
                    .map(Connected::writeHeldCounts)
                    .toArray(CompletableFuture[]::new);
            return CompletableFuture.allOf(written)
                    .orTimeout(1, TimeUnit.SECONDS)
                    .handle((done, failure) -> connection)
                    .thenCompose(StatefulRedisConnection::closeAsync);
        }

        private static CompletableFuture<Void> writeHeldCounts(AsyncBucketProxy bucket) {
            return bucket.getOptimizationController().syncByCondition(1, Duration.ZERO);
        }
    }
}
