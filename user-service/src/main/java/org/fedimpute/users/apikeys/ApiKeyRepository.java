package org.fedimpute.users.apikeys;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** API keys by owner and by hash. */
interface ApiKeyRepository extends Repository<ApiKey, UUID> {

    ApiKey save(ApiKey key);

    Optional<ApiKey> findByKeyHash(String keyHash);

    Optional<ApiKey> findByIdAndUserId(UUID id, UUID userId);

    @Query("select k from ApiKey k where k.userId = ?1 and k.revokedAt is null order by k.createdAt desc")
    List<ApiKey> findActiveOf(UUID userId);

    @Query("select count(k) from ApiKey k where k.userId = ?1 and k.revokedAt is null")
    long countActiveOf(UUID userId);
}
