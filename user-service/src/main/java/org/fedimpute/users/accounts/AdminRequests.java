package org.fedimpute.users.accounts;

import java.time.Instant;
import java.util.UUID;

/** What admins send and see about accounts. */
final class AdminRequests {

    private AdminRequests() {}

    /** A change to an account; absent fields stay as they are. */
    record UpdateAccount(Role role, Tier tier, Boolean enabled) {}

    /** An account as an admin sees it. */
    record AdminUserResponse(
            UUID id,
            String email,
            String name,
            String institution,
            Role role,
            Tier tier,
            boolean enabled,
            boolean locked,
            Instant createdAt) {

        static AdminUserResponse of(UserAccount account, Instant now) {
            return new AdminUserResponse(
                    account.id(),
                    account.email(),
                    account.displayName(),
                    account.institution(),
                    account.role(),
                    account.tier(),
                    account.enabled(),
                    account.lockedAt(now),
                    account.createdAt());
        }
    }
}
