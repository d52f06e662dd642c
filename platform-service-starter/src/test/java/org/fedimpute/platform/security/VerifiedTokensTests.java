package org.fedimpute.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.fedimpute.test.time.MovableClock;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/** The memory in front of a service's full token check: what it keeps, for how long, and what it never keeps. */
class VerifiedTokensTests {

    private static final Duration LIFETIME = Duration.ofMinutes(15);

    private final MovableClock clock = new MovableClock();
    private final CountingVerifier verifier = new CountingVerifier();

    VerifiedTokensTests() {
        clock.fixAt(Instant.parse("2026-01-01T12:00:00Z"));
    }

    @Test
    void aTokenThatPassedIsCheckedOnceAndThenAnsweredUntilItExpires() {
        JwtDecoder tokens = new VerifiedTokens(verifier, 10, clock);
        Jwt first = tokens.decode("token-a");
        clock.advance(LIFETIME.minusSeconds(1));
        assertThat(tokens.decode("token-a")).isSameAs(first);
        assertThat(verifier.checks.get()).isEqualTo(1);
    }

    @Test
    void atItsExpiryTheFullCheckDecidesAgain() {
        JwtDecoder tokens = new VerifiedTokens(verifier, 10, clock);
        tokens.decode("token-a");
        clock.advance(LIFETIME);
        verifier.refuseFromNowOn();
        assertThatThrownBy(() -> tokens.decode("token-a")).isInstanceOf(BadJwtException.class);
        assertThat(verifier.checks.get()).isEqualTo(2);
    }

    @Test
    void aRefusedTokenIsNeverKept() {
        JwtDecoder tokens = new VerifiedTokens(verifier, 10, clock);
        verifier.refuseFromNowOn();
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);
        }
        assertThat(verifier.checks.get()).isEqualTo(2);
    }

    @Test
    void aTokenThatDiffersInAnyWayIsCheckedOnItsOwn() {
        JwtDecoder tokens = new VerifiedTokens(verifier, 10, clock);
        tokens.decode("token-a");
        tokens.decode("token-a-tampered");
        assertThat(verifier.checks.get()).isEqualTo(2);
    }

    @Test
    void noMoreTokensAreKeptThanTheCapacityAndZeroKeepsNone() {
        JwtDecoder small = new VerifiedTokens(verifier, 3, clock);
        for (int round = 0; round < 2; round++) {
            IntStream.range(0, 4).forEach(i -> small.decode("token-" + i));
        }
        assertThat(verifier.checks.get()).isGreaterThan(4);

        assertThat(VerifiedTokens.remembering(verifier, 0)).isSameAs(verifier);
    }

    /** Stands in for the full check: accepts every token for a fixed lifetime until told to refuse. */
    private final class CountingVerifier implements JwtDecoder {

        final AtomicInteger checks = new AtomicInteger();
        private volatile boolean refusing;

        void refuseFromNowOn() {
            refusing = true;
        }

        @Override
        public Jwt decode(String token) {
            checks.incrementAndGet();
            if (refusing) {
                throw new BadJwtException("refused");
            }
            Instant now = clock.instant();
            return Jwt.withTokenValue(token)
                    .header("alg", "RS256")
                    .subject("alice")
                    .issuedAt(now)
                    .expiresAt(now.plus(LIFETIME))
                    .build();
        }
    }
}
