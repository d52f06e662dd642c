package org.fedimpute.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/** The cache in front of the full token check: what it remembers, for how long, and what it never remembers. */
class VerifiedTokenCacheTests {

    private static final Duration LIFETIME = Duration.ofMinutes(15);

    private final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T12:00:00Z"));
    private final CountingVerifier verifier = new CountingVerifier(clock);

    @Test
    void aVerifiedTokenIsCheckedOnceAndThenServedUntilItExpires() {
        VerifiedTokenCache cache = new VerifiedTokenCache(verifier, 10, clock);
        Jwt first = cache.decode("token-a").block();
        clock.advance(LIFETIME.minusSeconds(1));
        Jwt again = cache.decode("token-a").block();
        assertThat(again).isSameAs(first);
        assertThat(verifier.checks.get()).isEqualTo(1);
    }

    @Test
    void anExpiredTokenIsCheckedAgainAndTheCheckDecides() {
        VerifiedTokenCache cache = new VerifiedTokenCache(verifier, 10, clock);
        cache.decode("token-a").block();
        clock.advance(LIFETIME);
        verifier.refuseFromNowOn();
        assertThatThrownBy(() -> cache.decode("token-a").block()).isInstanceOf(BadJwtException.class);
        assertThat(verifier.checks.get()).isEqualTo(2);
    }

    @Test
    void aRefusedTokenIsNeverRemembered() {
        VerifiedTokenCache cache = new VerifiedTokenCache(verifier, 10, clock);
        verifier.refuseFromNowOn();
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> cache.decode("forged").block()).isInstanceOf(BadJwtException.class);
        }
        assertThat(verifier.checks.get()).isEqualTo(2);
    }

    @Test
    void anotherTokenIsCheckedOnItsOwnEvenForTheSameUser() {
        VerifiedTokenCache cache = new VerifiedTokenCache(verifier, 10, clock);
        cache.decode("token-a").block();
        cache.decode("token-a-tampered").block();
        assertThat(verifier.checks.get()).isEqualTo(2);
    }

    @Test
    void noMoreTokensAreKeptThanTheCapacity() {
        int capacity = 3;
        VerifiedTokenCache cache = new VerifiedTokenCache(verifier, capacity, clock);
        int distinct = capacity + 1;
        for (int round = 0; round < 2; round++) {
            IntStream.range(0, distinct).forEach(i -> cache.decode("token-" + i).block());
        }
        assertThat(verifier.checks.get()).isGreaterThan(distinct);
    }

    /** Stands in for the full check: accepts every token with a fixed lifetime until told to refuse. */
    private static final class CountingVerifier implements ReactiveJwtDecoder {

        final AtomicInteger checks = new AtomicInteger();
        private final Clock clock;
        private volatile boolean refusing;

        CountingVerifier(Clock clock) {
            this.clock = clock;
        }

        void refuseFromNowOn() {
            refusing = true;
        }

        @Override
        public Mono<Jwt> decode(String token) {
            checks.incrementAndGet();
            if (refusing) {
                return Mono.error(new BadJwtException("refused"));
            }
            Instant now = clock.instant();
            return Mono.just(Jwt.withTokenValue(token)
                    .header("alg", "RS256")
                    .subject("alice")
                    .issuedAt(now)
                    .expiresAt(now.plus(LIFETIME))
                    .build());
        }
    }

    private static final class SettableClock extends Clock {

        private volatile Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
