package org.fedimpute.users.authentication;

import java.time.Clock;
import java.time.Instant;
import org.fedimpute.users.accounts.CredentialsRevoked;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Ends every login of an account whose credentials were revoked, in the same transaction as the cause. */
@Component
class SessionRevocation {

    private final RefreshTokenRepository refreshTokens;
    private final Clock clock;

    SessionRevocation(RefreshTokenRepository refreshTokens, Clock clock) {
        this.refreshTokens = refreshTokens;
        this.clock = clock;
    }

    @EventListener
    void on(CredentialsRevoked revoked) {
        refreshTokens.revokeAllOf(revoked.userId(), Instant.now(clock));
    }
}
