package org.fedimpute.users.accounts;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/**
 * Reset tokens by hash, locked while one is being used so it is used once, and ended together when a password is set.
 */
interface PasswordResetTokenRepository extends Repository<PasswordResetToken, String> {

    PasswordResetToken save(PasswordResetToken token);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select t from PasswordResetToken t where t.tokenHash = ?1")
    Optional<PasswordResetToken> findForUpdate(String tokenHash);

    /** Marks every token of the account not used yet as used now: a link mailed before a password change is void. */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("update PasswordResetToken t set t.usedAt = ?2 where t.userId = ?1 and t.usedAt is null")
    int endUnused(UUID userId, Instant now);
}
