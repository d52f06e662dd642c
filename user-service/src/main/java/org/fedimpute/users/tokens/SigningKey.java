package org.fedimpute.users.tokens;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.fedimpute.platform.persistence.AssignedKeyEntity;

/** A signing key as stored: its public JWK in clear, its private key encrypted. */
@Entity
@Table(name = "signing_key")
class SigningKey extends AssignedKeyEntity<String> {

    @Id
    private String kid;

    @Column(name = "public_jwk", nullable = false)
    private String publicJwk;

    @Column(name = "private_key", nullable = false)
    private byte[] privateKey;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "active_from", nullable = false)
    private Instant activeFrom;

    @Column(name = "retire_after")
    private Instant retireAfter;

    protected SigningKey() {}

    SigningKey(String kid, String publicJwk, byte[] privateKey, Instant createdAt, Instant activeFrom) {
        this.kid = kid;
        this.publicJwk = publicJwk;
        this.privateKey = privateKey;
        this.createdAt = createdAt;
        this.activeFrom = activeFrom;
    }

    String kid() {
        return kid;
    }

    String publicJwk() {
        return publicJwk;
    }

    byte[] privateKey() {
        return privateKey;
    }

    Instant activeFrom() {
        return activeFrom;
    }

    Instant retireAfter() {
        return retireAfter;
    }

    void retireAfter(Instant instant) {
        this.retireAfter = instant;
    }

    @Override
    public String getId() {
        return kid;
    }
}
