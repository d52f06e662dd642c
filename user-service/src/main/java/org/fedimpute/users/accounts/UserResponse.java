package org.fedimpute.users.accounts;

import java.time.Instant;
import java.util.UUID;

/** An account as its owner sees it. */
public record UserResponse(
        UUID id, String email, String name, String institution, Role role, Tier tier, Instant createdAt) {

    static UserResponse of(UserAccount account) {
        return new UserResponse(
                account.id(),
                account.email(),
                account.displayName(),
                account.institution(),
                account.role(),
                account.tier(),
                account.createdAt());
    }
}
