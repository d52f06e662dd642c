package org.fedimpute.platform.security;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Checks a token fully (RS256 signature, issuer, time stamps) the first time a service sees it and then remembers the
 * result until the token's {@code exp}: a client sends the same token with every request for its 15 minutes, and the
 * signature check with its parsing was the largest single cost of a small request (a sixth of user-service's CPU on
 * {@code GET /api/v1/users/me}, measured with JFR). Keyed by the whole token, so any change to it is checked afresh;
 * a refused token is never remembered; at most {@code capacity} tokens are kept, the least useful dropped first.
 * A key withdrawn from user-service's key set stops new tokens at once and remembered ones at their expiry, as at the
 * gateway.
 */
public final class VerifiedTokens implements JwtDecoder {

    private final LoadingCache<String, Jwt> verified;

    /** The verifier behind a memory of {@code capacity} tokens, or the verifier alone if the capacity is 0. */
    public static JwtDecoder remembering(JwtDecoder verifier, int capacity) {
        return capacity > 0 ? new VerifiedTokens(verifier, capacity, Clock.systemUTC()) : verifier;
    }

    VerifiedTokens(JwtDecoder verifier, int capacity, Clock clock) {
        this.verified = Caffeine.newBuilder()
                .maximumSize(capacity)
                .expireAfter(Expiry.<String, Jwt>creating((token, jwt) -> lifetimeLeft(jwt, clock)))
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .executor(Runnable::run)
                .build(verifier::decode);
    }

    /** The remembered result while the token has not expired, otherwise the full check's (which may throw). */
    @Override
    public Jwt decode(String token) {
        return verified.get(token);
    }

    private static Duration lifetimeLeft(Jwt jwt, Clock clock) {
        if (jwt.getExpiresAt() == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), jwt.getExpiresAt());
        return left.isNegative() ? Duration.ZERO : left;
    }
}
