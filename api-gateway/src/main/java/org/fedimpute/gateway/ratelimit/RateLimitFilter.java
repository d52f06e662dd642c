package org.fedimpute.gateway.ratelimit;

import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.fedimpute.gateway.errors.ProblemResponses;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Counts every request against its caller's hourly allowance after the token was validated, tells the caller where
 * they stand in {@code X-RateLimit-*} headers, and answers 429 with {@code Retry-After} without calling the service
 * once the allowance is used up. {@code X-RateLimit-Reset} is the number of seconds until the allowance is whole
 * again (not an epoch time), so clients need no synchronised clock. The chunks of a resumable upload are not counted
 * again: the upload was counted when it was created.
 */
@Component
class RateLimitFilter implements WebFilter, Ordered {

    static final String LIMIT = "X-RateLimit-Limit";
    static final String REMAINING = "X-RateLimit-Remaining";
    static final String RESET = "X-RateLimit-Reset";

    /** Runs after Spring Security's filter chain (order -100), so the validated principal is known. */
    private static final int ORDER = 0;

    private final RateLimitProperties properties;
    private final RateLimitBuckets buckets;
    private final ProblemResponses problems;
    private final Map<String, Counter> rejected = new HashMap<>();
    private final List<PathPattern> unlimitedPaths;
    private final List<MethodAndPath> uploadContinuations;

    RateLimitFilter(
            RateLimitProperties properties, RateLimitBuckets buckets, ProblemResponses problems, MeterRegistry meters) {
        this.properties = properties;
        this.buckets = buckets;
        this.problems = problems;
        for (String tier : Caller.LIMITED_TIERS) {
            rejected.put(
                    tier,
                    Counter.builder("fedimpute.gateway.ratelimit.rejected")
                            .description("Requests answered 429 because the caller's allowance was used up")
                            .tag("tier", tier)
                            .register(meters));
        }
        this.unlimitedPaths = properties.unlimitedPaths().stream()
                .map(PathPatternParser.defaultInstance::parse)
                .toList();
        this.uploadContinuations = properties.uploadContinuations().stream()
                .map(MethodAndPath::parse)
                .toList();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        PathContainer path = request.getPath().pathWithinApplication();
        if (unlimitedPaths.stream().anyMatch(pattern -> pattern.matches(path))
                || uploadContinuations.stream()
                        .anyMatch(continuation -> continuation.matches(request.getMethod(), path))) {
            return chain.filter(exchange);
        }
        return exchange.getPrincipal()
                .map(principal ->
                        principal instanceof JwtAuthenticationToken token ? callerOf(token) : anonymous(exchange))
                .switchIfEmpty(Mono.fromSupplier(() -> anonymous(exchange)))
                .flatMap(caller -> caller.isLimited() ? limit(exchange, chain, caller) : chain.filter(exchange));
    }

    private Mono<Void> limit(ServerWebExchange exchange, WebFilterChain chain, Caller caller) {
        return buckets.tryConsume(caller).flatMap(probe -> {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            headers.set(LIMIT, Long.toString(caller.limit()));
            headers.set(REMAINING, Long.toString(probe.getRemainingTokens()));
            headers.set(RESET, Long.toString(secondsFrom(probe.getNanosToWaitForReset())));
            if (probe.isConsumed()) {
                return chain.filter(exchange);
            }
            return reject(exchange, caller, probe);
        });
    }

    private Mono<Void> reject(ServerWebExchange exchange, Caller caller, ConsumptionProbe probe) {
        long retryAfter = Math.max(1, secondsFrom(probe.getNanosToWaitForRefill()));
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        rejected.get(caller.tier()).increment();
        return problems.write(
                exchange,
                HttpStatus.TOO_MANY_REQUESTS,
                "You have used your " + caller.limit() + " requests for this period. Try again in " + retryAfter
                        + " seconds.");
    }

    private Caller callerOf(JwtAuthenticationToken token) {
        List<String> authorities = token.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .toList();
        if (authorities.contains("ROLE_ADMIN")) {
            return Caller.admin();
        }
        if (authorities.contains("TIER_PREMIUM")) {
            return new Caller(Caller.PREMIUM, Caller.PREMIUM + ":" + token.getName(), properties.premium());
        }
        return new Caller(Caller.FREE, Caller.FREE + ":" + token.getName(), properties.free());
    }

    private Caller anonymous(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        String ip = remote == null ? "unknown" : remote.getHostString();
        return new Caller(Caller.ANONYMOUS, Caller.ANONYMOUS + ":" + ip, properties.anonymous());
    }

    /** A request method and a path pattern, from configuration such as {@code PATCH /api/v1/files/uploads/*}. */
    private record MethodAndPath(HttpMethod method, PathPattern path) {

        static MethodAndPath parse(String text) {
            String[] parts = text.trim().split("\\s+", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException(
                        "an upload continuation is 'METHOD /path/pattern', not '" + text + "'");
            }
            return new MethodAndPath(HttpMethod.valueOf(parts[0]), PathPatternParser.defaultInstance.parse(parts[1]));
        }

        boolean matches(HttpMethod requestMethod, PathContainer requestPath) {
            return method.equals(requestMethod) && path.matches(requestPath);
        }
    }

    private static long secondsFrom(long nanos) {
        return (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
