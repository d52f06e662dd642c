package org.fedimpute.gateway.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Remembers tokens that passed the full check (RS256 signature, issuer, time stamps) until they expire, so a client
 * that sends the same token with every request costs one signature check, not one per request. Keyed by the whole
 * token, so any change to it is checked afresh; failures are never remembered; a remembered token is used only
 * before its {@code exp}, after which the full check (with its clock-skew allowance) decides again.
 */
final class VerifiedTokenCache implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder verifier;
    private final int capacity;
    private final Clock clock;
    private final Map<String, Jwt> verified = new ConcurrentHashMap<>();

    VerifiedTokenCache(ReactiveJwtDecoder verifier, int capacity, Clock clock) {
        this.verifier = verifier;
        this.capacity = capacity;
        this.clock = clock;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt known = verified.get(token);
        if (known != null) {
            if (known.getExpiresAt().isAfter(clock.instant())) {
                return Mono.just(known);
            }
            verified.remove(token, known);
        }
        return verifier.decode(token).doOnNext(jwt -> remember(token, jwt));
    }

    private void remember(String token, Jwt jwt) {
        Instant now = clock.instant();
        if (jwt.getExpiresAt() == null || !jwt.getExpiresAt().isAfter(now)) {
            return;
        }
        if (verified.size() >= capacity) {
            verified.values().removeIf(entry -> !entry.getExpiresAt().isAfter(now));
            if (verified.size() >= capacity) {
                verified.clear();
            }
        }
        verified.put(token, jwt);
    }
}
