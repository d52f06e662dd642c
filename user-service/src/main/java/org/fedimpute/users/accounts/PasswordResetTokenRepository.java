package org.fedimpute.users.accounts;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** Reset tokens by hash, locked while one is being used so it is used once. */
interface PasswordResetTokenRepository extends Repository<PasswordResetToken, String> {

    PasswordResetToken save(PasswordResetToken token);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select t from PasswordResetToken t where t.tokenHash = ?1")
    Optional<PasswordResetToken> findForUpdate(String tokenHash);
}
