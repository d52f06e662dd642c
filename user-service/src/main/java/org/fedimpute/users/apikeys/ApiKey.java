package org.fedimpute.users.apikeys;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.fedimpute.platform.persistence.AssignedKeyEntity;

/** An API key as stored: its owner, name, scopes and lifetime, and only a hash of the key itself. */
@Entity
@Table(name = "api_key")
class ApiKey extends AssignedKeyEntity<UUID> {

    @Id
    private UUID id;

    @Column(name = "user_id", nullable = false)
    private UUID userId;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String prefix;

    @Column(name = "key_hash", nullable = false)
    private String keyHash;

    @Column(nullable = false)
    private String scopes;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected ApiKey() {}

    ApiKey(
            UUID userId,
            String name,
            String prefix,
            String keyHash,
            List<String> scopes,
            Instant now,
            Instant expiresAt) {
        this.id = UUID.randomUUID();
        this.userId = userId;
        this.name = name;
        this.prefix = prefix;
        this.keyHash = keyHash;
        this.scopes = String.join(" ", scopes);
        this.createdAt = now;
        this.expiresAt = expiresAt;
    }

    UUID id() {
        return id;
    }

    UUID userId() {
        return userId;
    }

    String name() {
        return name;
    }

    String prefix() {
        return prefix;
    }

    List<String> scopes() {
        return Arrays.asList(scopes.split(" "));
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    Instant lastUsedAt() {
        return lastUsedAt;
    }

    boolean usableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }

    void markUsed(Instant now) {
        lastUsedAt = now;
    }

    void revoke(Instant now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
    }

    @Override
    public UUID getId() {
        return id;
    }
}
