package org.fedimpute.jobs.remote.calls;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLException;
import org.fedimpute.jobs.remote.RemoteFailure;
import org.fedimpute.jobs.remote.RemoteTarget;
import org.fedimpute.platform.clients.RemoteHttpClients;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * Every HTTP exchange with a remote imputation server goes through here, so that each service (keyed by its slug)
 * has its own bulkhead, retries and circuit breaker, and every failure reaches the caller as a {@link RemoteFailure}:
 * 5xx answers, timeouts and broken connections are retried and then {@link RemoteFailure.Unavailable}; other
 * non-success answers are never retried and become what the protocol's {@link Refusals} say.
 *
 * <p>The order is bulkhead, then retry, then circuit breaker: a call holds its place in the bulkhead through its
 * retries, a full bulkhead or an open circuit fails at once without reaching the server, and every attempt counts
 * in the circuit. Timeouts are idle timeouts (see {@link Watch}), so long transfers run as long as they move.
 */
@Component
@EnableConfigurationProperties(RemoteCallProperties.class)
public class RemoteCalls implements AutoCloseable {

    /** The most of a JSON answer that is read: a Cloudgene job with its logs is a few hundred kilobytes. */
    static final int MAX_ANSWER_BYTES = 8 * 1024 * 1024;

    private final RemoteCallProperties properties;
    private final JsonMapper json;
    private final BulkheadRegistry bulkheads;
    private final RetryRegistry retries;
    private final CircuitBreakerRegistry breakers;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("remote-call-watchdog").daemon().factory());
    private final RemoteHttpClients clients = new RemoteHttpClients();

    public RemoteCalls(RemoteCallProperties properties, JsonMapper json, MeterRegistry meters) {
        this.properties = properties;
        this.json = json;
        this.bulkheads = BulkheadRegistry.of(BulkheadConfig.custom()
                .maxConcurrentCalls(properties.bulkhead().maxConcurrentCalls())
                .maxWaitDuration(Duration.ZERO)
                .build());
        RemoteCallProperties.Retry retry = properties.retry();
        this.retries = RetryRegistry.of(RetryConfig.custom()
                .maxAttempts(retry.retries() + 1)
                .intervalFunction(IntervalFunction.ofExponentialBackoff(retry.initialBackoff(), retry.multiplier()))
                .retryOnException(failure -> failure instanceof ServerFailure server && server.repeatable())
                .build());
        RemoteCallProperties.CircuitBreaker breaker = properties.circuitBreaker();
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(breaker.slidingWindow())
                .minimumNumberOfCalls(breaker.slidingWindow())
                .failureRateThreshold(breaker.failureRateThreshold())
                .waitDurationInOpenState(breaker.openFor())
                .permittedNumberOfCallsInHalfOpenState(breaker.halfOpenCalls())
                // A refusal (4xx) is an answer, not an outage.
                .recordException(ServerFailure.class::isInstance)
                .build());
        TaggedBulkheadMetrics.ofBulkheadRegistry(bulkheads).bindTo(meters);
        TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(meters);
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
    }

    /** Sends a request without a body of note and answers the JSON the server answered. */
    public JsonNode answer(RemoteTarget target, HttpRequest.Builder request, Refusals refusals) {
        return guarded(
                target,
                () -> exchange(target, watch -> request.build(), refusals, (body, watch) -> json(target, body)));
    }

    /**
     * POSTs the multipart body, streaming its files, and answers the JSON the server answered. A submit is not
     * idempotent, so it is repeated here only when it never reached the server (no connection); after a timeout, a
     * 5xx or a broken answer the server may hold the job, and the caller looks for it before sending it again.
     */
    public JsonNode upload(RemoteTarget target, HttpRequest.Builder request, MultipartBody body, Refusals refusals) {
        return guarded(
                target,
                () -> repeatedOnlyIfNeverSent(() -> exchange(
                        target,
                        watch -> request.copy()
                                .header("Content-Type", body.contentType())
                                .POST(body.publisher(watch))
                                .build(),
                        refusals,
                        (answer, watch) -> json(target, answer))));
    }

    /**
     * Streams the answer's body to {@code sink} and answers what the sink answered. A Cloudgene server counts every
     * GET of a result against the file's download budget, answered or not, so a download (of any server's, WES ones
     * too) is repeated here only when it never reached the server (no connection); after a 5xx or a timeout the next
     * poll tries again. Once the sink has the
     * stream, a broken or stalled transfer fails as {@link RemoteFailure.Unavailable}, and the sink's own exceptions
     * pass through unchanged.
     */
    public <T> T download(
            RemoteTarget target, HttpRequest.Builder request, Refusals refusals, Function<InputStream, T> sink) {
        return guarded(
                target,
                () -> repeatedOnlyIfNeverSent(() ->
                        exchange(target, watch -> request.build(), refusals, (body, watch) -> {
                            try {
                                return sink.apply(body);
                            } catch (RuntimeException e) {
                                if (body.failure() == null) {
                                    throw e;
                                }
                                throw new ServerFailure(
                                        "The download from " + target.displayName() + " broke off after " + body.bytes()
                                                + " bytes"
                                                + (watch.stalled()
                                                        ? " (no data for " + readable(watch.limit()) + ")"
                                                        : ""),
                                        body.failure(),
                                        false);
                            }
                        })));
    }

    /**
     * Runs an attempt that costs the server something each time it arrives (a second job, a download from the file's
     * budget): a failure is marked for repetition only when the request never reached the server.
     */
    private static <T> T repeatedOnlyIfNeverSent(Supplier<T> attempt) {
        try {
            return attempt.get();
        } catch (ServerFailure failure) {
            throw failure.repeatable() && !neverSent(failure)
                    ? new ServerFailure(failure.getMessage(), failure.getCause(), false)
                    : failure;
        }
    }

    /** A path segment, percent-encoded. */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private <T> T guarded(RemoteTarget target, Supplier<T> attempt) {
        Bulkhead bulkhead = bulkheads.bulkhead(target.slug());
        Retry retry = retries.retry(target.slug());
        CircuitBreaker breaker = breakers.circuitBreaker(target.slug());
        try {
            return Bulkhead.decorateSupplier(
                            bulkhead, Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker, attempt)))
                    .get();
        } catch (BulkheadFullException e) {
            throw new RemoteFailure.Unavailable(
                    target.displayName() + " already has "
                            + properties.bulkhead().maxConcurrentCalls()
                            + " calls in flight from FedImpute; try again shortly",
                    e);
        } catch (CallNotPermittedException e) {
            throw new RemoteFailure.Unavailable(target.displayName() + " is not answering; the circuit is open", e);
        } catch (ServerFailure e) {
            throw new RemoteFailure.Unavailable(e.getMessage(), e);
        }
    }

    /** One attempt: send, wait for the answer while it moves, then judge the status and read the body. */
    private <T> T exchange(
            RemoteTarget target,
            Function<UnaryOperator<InputStream>, HttpRequest> request,
            Refusals refusals,
            BodyReader<T> reader) {
        try (Watch watch = new Watch(watchdog, target.readTimeout())) {
            HttpResponse<InputStream> response = send(target, request.apply(watch::watching), watch);
            try (Watch.Watched body = watch.watching(response.body())) {
                watch.onStall(() -> closeQuietly(body));
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return reader.read(body, watch);
                }
                JsonNode answer = parse(body.readNBytes(MAX_ANSWER_BYTES));
                if (status >= 500) {
                    throw new ServerFailure(
                            target.displayName() + " is not answering (HTTP " + status + message(answer) + ")",
                            null,
                            true);
                }
                throw refusals.refusal(status, answer);
            } catch (IOException e) {
                throw transferFailure(target, watch, e);
            }
        }
    }

    private HttpResponse<InputStream> send(RemoteTarget target, HttpRequest request, Watch watch) {
        CompletableFuture<HttpResponse<InputStream>> pending =
                client(target.connectTimeout()).sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        watch.onStall(() -> pending.cancel(true));
        try {
            return pending.get();
        } catch (CancellationException e) {
            throw new ServerFailure(
                    target.displayName() + " did not answer within " + readable(watch.limit()), e, true);
        } catch (ExecutionException e) {
            throw watch.stalled()
                    ? new ServerFailure(
                            target.displayName() + " did not answer within " + readable(watch.limit()), e, true)
                    : new ServerFailure(failure(target, e.getCause()), e.getCause(), true);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new RemoteFailure.Unavailable("The call to " + target.displayName() + " was interrupted", e);
        }
    }

    private JsonNode json(RemoteTarget target, Watch.Watched body) throws IOException {
        byte[] answer = body.readNBytes(MAX_ANSWER_BYTES);
        try {
            return json.readTree(answer);
        } catch (JacksonException e) {
            throw new ServerFailure(target.displayName() + " answered something that is not JSON", e, true);
        }
    }

    private JsonNode parse(byte[] answer) {
        try {
            return json.readTree(answer);
        } catch (JacksonException e) {
            return MissingNode.getInstance();
        }
    }

    private static String message(JsonNode answer) {
        String message = answer.path("message").asString(answer.path("msg").asString(""));
        return message.isBlank() ? "" : ": " + message;
    }

    private static ServerFailure transferFailure(RemoteTarget target, Watch watch, IOException e) {
        return new ServerFailure(
                watch.stalled()
                        ? target.displayName() + " stopped answering for " + readable(watch.limit())
                        : failure(target, e),
                e,
                true);
    }

    /** A short, readable reason for a failed exchange, from the most telling exception in the chain. */
    static String failure(RemoteTarget target, Throwable failure) {
        String name = target.displayName();
        return switch (ConnectionFailure.in(failure)) {
            case CONNECT_TIMEOUT -> "Could not connect to " + name + " within " + readable(target.connectTimeout());
            case REFUSED -> name + " refused the connection";
            case TLS -> "The secure connection to " + name + " failed";
            case UNKNOWN_HOST ->
                "The address of " + name + " is unknown ("
                        + URI.create(target.baseUrl()).getHost() + ")";
            case null ->
                "The connection to " + name + " failed"
                        + (failure.getMessage() == null ? "" : " (" + failure.getMessage() + ")");
        };
    }

    /** Whether the request failed before any of it reached the server: no connection was made. */
    private static boolean neverSent(Throwable failure) {
        ConnectionFailure kind = ConnectionFailure.in(failure);
        return kind != null && kind.beforeSending;
    }

    /** The ways a connection fails that the cause chain of a failed exchange tells apart. */
    private enum ConnectionFailure {
        CONNECT_TIMEOUT(true),
        REFUSED(true),
        UNKNOWN_HOST(true),
        // A handshake may fail after the server has seen the connection; a submit is not sent again after it.
        TLS(false);

        private final boolean beforeSending;

        ConnectionFailure(boolean beforeSending) {
            this.beforeSending = beforeSending;
        }

        /** The first recognised kind along the cause chain, or null when none is recognised. */
        static ConnectionFailure in(Throwable failure) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof HttpConnectTimeoutException) {
                    return CONNECT_TIMEOUT;
                }
                if (cause instanceof ConnectException) {
                    return REFUSED;
                }
                if (cause instanceof SSLException) {
                    return TLS;
                }
                if (cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException) {
                    return UNKNOWN_HOST;
                }
            }
            return null;
        }
    }

    static String readable(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static void closeQuietly(InputStream stream) {
        try {
            stream.close();
        } catch (IOException ignored) {
            // Abandoning the transfer: the reader sees the failure.
        }
    }

    private HttpClient client(Duration connectTimeout) {
        return clients.withConnectTimeout(connectTimeout);
    }

    @Override
    public void close() {
        clients.close();
        watchdog.shutdownNow();
    }

    /** Reads a successful answer's body. */
    @FunctionalInterface
    private interface BodyReader<T> {
        T read(Watch.Watched body, Watch watch) throws IOException;
    }
}
