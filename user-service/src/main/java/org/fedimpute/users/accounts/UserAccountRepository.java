package org.fedimpute.users.accounts;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** Accounts by id and by e-mail, whatever its case. */
interface UserAccountRepository extends Repository<UserAccount, UUID> {

    UserAccount save(UserAccount account);

    Optional<UserAccount> findById(UUID id);

    @Query("select a from UserAccount a where lower(a.email) = lower(?1)")
    Optional<UserAccount> findByEmail(String email);

    @Query("select count(a) > 0 from UserAccount a where lower(a.email) = lower(?1)")
    boolean existsByEmail(String email);
}
