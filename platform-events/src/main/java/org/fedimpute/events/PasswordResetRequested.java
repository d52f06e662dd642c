package org.fedimpute.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Someone asked to reset a password; the single-use token travels to notification-service, which mails the reset
 * link to the account's own address and nowhere else.
 */
public record PasswordResetRequested(UUID userId, String resetToken, Instant expiresAt) implements UserEvent {

    @Override
    public String toString() {
        return "PasswordResetRequested[userId=" + userId + ", resetToken=***, expiresAt=" + expiresAt + "]";
    }
}
