package org.fedimpute.users.externaltokens;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;
import org.fedimpute.platform.persistence.AssignedKeyEntity;

/** A researcher's token for one external service, encrypted; bound to its user and service as associated data. */
@Entity
@Table(name = "external_token")
@IdClass(ExternalToken.Key.class)
class ExternalToken extends AssignedKeyEntity<ExternalToken.Key> {

    @Id
    @Column(name = "user_id")
    private UUID userId;

    @Id
    private String service;

    @Column(nullable = false)
    private byte[] token;

    @Column(name = "last_chars", nullable = false)
    private String lastChars;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "verified_at")
    private Instant verifiedAt;

    @Column(name = "remote_expires_at")
    private String remoteExpiresAt;

    @Column(name = "remote_username")
    private String remoteUsername;

    protected ExternalToken() {}

    ExternalToken(UUID userId, String service, Instant now) {
        this.userId = userId;
        this.service = service;
        this.createdAt = now;
    }

    void replace(byte[] encrypted, String lastChars, Instant now) {
        this.token = encrypted;
        this.lastChars = lastChars;
        this.updatedAt = now;
        this.verifiedAt = null;
        this.remoteExpiresAt = null;
        this.remoteUsername = null;
    }

    void verified(Instant now, String remoteExpiresAt, String remoteUsername) {
        this.verifiedAt = now;
        this.remoteExpiresAt = remoteExpiresAt;
        this.remoteUsername = remoteUsername;
    }

    Instant verifiedAt() {
        return verifiedAt;
    }

    String remoteExpiresAt() {
        return remoteExpiresAt;
    }

    String remoteUsername() {
        return remoteUsername;
    }

    UUID userId() {
        return userId;
    }

    String service() {
        return service;
    }

    byte[] encrypted() {
        return token;
    }

    String lastChars() {
        return lastChars;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    /** The composite key: one token per user and service. */
    record Key(UUID userId, String service) implements Serializable {

        @SuppressWarnings("unused")
        Key() {
            this(null, null);
        }
    }

    @Override
    public Key getId() {
        return new Key(userId, service);
    }
}
