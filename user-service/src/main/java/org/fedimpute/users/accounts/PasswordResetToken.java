package org.fedimpute.users.accounts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.fedimpute.platform.persistence.AssignedKeyEntity;

/** A password reset token, known only by its hash; usable once, until it expires. */
@Entity
@Table(name = "password_reset")
class PasswordResetToken extends AssignedKeyEntity<String> {

    @Id
    @Column(name = "token_hash")
    private String tokenHash;

    @Column(name = "user_id", nullable = false)
    private UUID userId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "used_at")
    private Instant usedAt;

    protected PasswordResetToken() {}

    PasswordResetToken(String tokenHash, UUID userId, Instant createdAt, Instant expiresAt) {
        this.tokenHash = tokenHash;
        this.userId = userId;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    UUID userId() {
        return userId;
    }

    boolean usableAt(Instant now) {
        return usedAt == null && expiresAt.isAfter(now);
    }

    void markUsed(Instant now) {
        usedAt = now;
    }

    @Override
    public String getId() {
        return tokenHash;
    }
}
