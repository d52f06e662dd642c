package org.fedimpute.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Remembers tokens that passed the full check (RS256 signature, issuer, time stamps) until they expire, so a client
 * that sends the same token with every request costs one signature check, not one per request. Keyed by the whole
 * token, so any change to it is checked afresh; failures are never remembered; a remembered token is used only
 * before its {@code exp}, after which the full check (with its clock-skew allowance) decides again. At most
 * {@code capacity} tokens are kept, the least useful evicted first.
 */
final class VerifiedTokenCache implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder verifier;
    private final Clock clock;
    private final Cache<String, Jwt> verified;

    VerifiedTokenCache(ReactiveJwtDecoder verifier, int capacity, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(capacity)
                .expireAfter(Expiry.<String, Jwt>creating((token, jwt) -> untilExpiry(jwt)))
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .executor(Runnable::run)
                .build();
    }

    @Override
    public Mono<Jwt> decode(String token) {
        // An entry expires at its token's exp on this same clock, so one still present is still valid.
        Jwt known = verified.getIfPresent(token);
        if (known != null) {
            return Mono.just(known);
        }
        return verifier.decode(token).doOnNext(jwt -> {
            if (jwt.getExpiresAt() != null && jwt.getExpiresAt().isAfter(clock.instant())) {
                verified.put(token, jwt);
            }
        });
    }

    private Duration untilExpiry(Jwt jwt) {
        return Duration.between(clock.instant(), jwt.getExpiresAt());
    }
}
