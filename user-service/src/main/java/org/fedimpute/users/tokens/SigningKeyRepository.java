package org.fedimpute.users.tokens;

import java.util.List;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** Signing keys, newest activation first. */
interface SigningKeyRepository extends Repository<SigningKey, String> {

    SigningKey save(SigningKey key);

    List<SigningKey> findAllByOrderByActiveFromDesc();

    /** Serialises rotations across instances for the rest of the transaction. */
    @Query(value = "SELECT pg_advisory_xact_lock(4242001)::text", nativeQuery = true)
    String lockRotation();
}
