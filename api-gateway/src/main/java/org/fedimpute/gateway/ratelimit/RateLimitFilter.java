package org.fedimpute.gateway.ratelimit;

import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
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
 * once the allowance is used up. A caller without a token is counted per client IP ({@link AnonymousAllowance}). The
 * chunks of a resumable upload are not counted again: the upload was counted when it was created.
 */
@Component
class RateLimitFilter implements WebFilter, Ordered {

    /** Runs after Spring Security's filter chain (order -100), so the validated principal is known. */
    private static final int ORDER = 0;

    private final RateLimitProperties properties;
    private final RateLimitBuckets buckets;
    private final AllowanceAnswers answers;
    private final AnonymousAllowance anonymous;
    private final List<PathPattern> unlimitedPaths;
    private final List<MethodAndPath> uploadContinuations;

    RateLimitFilter(
            RateLimitProperties properties,
            RateLimitBuckets buckets,
            AllowanceAnswers answers,
            AnonymousAllowance anonymous) {
        this.properties = properties;
        this.buckets = buckets;
        this.answers = answers;
        this.anonymous = anonymous;
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
                .map(principal -> principal instanceof JwtAuthenticationToken token
                        ? callerOf(token)
                        : anonymous.callerOf(exchange))
                .switchIfEmpty(Mono.fromSupplier(() -> anonymous.callerOf(exchange)))
                .flatMap(caller -> caller.isLimited() ? limit(exchange, chain, caller) : chain.filter(exchange));
    }

    private Mono<Void> limit(ServerWebExchange exchange, WebFilterChain chain, Caller caller) {
        return buckets.tryConsume(caller).flatMap(probe -> {
            answers.describe(exchange, caller, probe);
            if (probe.isConsumed()) {
                return chain.filter(exchange);
            }
            return answers.refuse(exchange, caller, probe.getNanosToWaitForRefill());
        });
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

    @Override
    public int getOrder() {
        return ORDER;
    }
}
