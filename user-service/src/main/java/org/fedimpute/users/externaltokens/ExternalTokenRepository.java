package org.fedimpute.users.externaltokens;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.repository.Repository;

/** A user's external tokens. */
interface ExternalTokenRepository extends Repository<ExternalToken, ExternalToken.Key> {

    ExternalToken save(ExternalToken token);

    Optional<ExternalToken> findByUserIdAndService(UUID userId, String service);

    List<ExternalToken> findByUserIdOrderByService(UUID userId);

    void delete(ExternalToken token);
}
