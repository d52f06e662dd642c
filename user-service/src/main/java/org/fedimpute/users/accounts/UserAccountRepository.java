package org.fedimpute.users.accounts;

import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** Accounts by id and by e-mail, whatever its case. */
interface UserAccountRepository extends Repository<UserAccount, UUID> {

    UserAccount save(UserAccount account);

    /** Stores a new account at once, so that a duplicate e-mail fails where the caller can catch it. */
    UserAccount saveAndFlush(UserAccount account);

    Optional<UserAccount> findById(UUID id);

    /**
     * The accounts with these ids, locked until the transaction ends, and always locked in the same order, so that two
     * transactions locking the same accounts take turns rather than deadlock.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select a from UserAccount a where a.id in ?1 order by a.id")
    List<UserAccount> findAllForUpdate(Collection<UUID> ids);

    @Query("select a from UserAccount a where lower(a.email) = lower(?1)")
    Optional<UserAccount> findByEmail(String email);

    @Query("select count(a) > 0 from UserAccount a where lower(a.email) = lower(?1)")
    boolean existsByEmail(String email);

    boolean existsByRole(Role role);

    long countByRoleAndEnabledTrue(Role role);

    void delete(UserAccount account);

    @Query("""
            select a from UserAccount a
            where (cast(?1 as string) is null or lower(a.email) like ?1 escape '\\' or lower(a.displayName) like ?1 escape '\\')
              and (?2 is null or a.role = ?2)
              and (?3 is null or a.tier = ?3)
            """)
    Page<UserAccount> search(String pattern, Role role, Tier tier, Pageable pageable);
}
