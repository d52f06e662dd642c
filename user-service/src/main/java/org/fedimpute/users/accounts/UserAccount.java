package org.fedimpute.users.accounts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.fedimpute.platform.persistence.AssignedKeyEntity;

/** An account, with the state of its failed logins so the lockout survives restarts and spans instances. */
@Entity
@Table(name = "user_account")
public class UserAccount extends AssignedKeyEntity<UUID> {

    @Id
    private UUID id;

    @Column(nullable = false)
    private String email;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    private String institution;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Role role;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Tier tier;

    @Column(nullable = false)
    private boolean enabled;

    @Column(name = "failed_logins", nullable = false)
    private int failedLogins;

    @Column(name = "first_failed_login_at")
    private Instant firstFailedLoginAt;

    @Column(name = "locked_until")
    private Instant lockedUntil;

    @Column(name = "password_changed_at", nullable = false)
    private Instant passwordChangedAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected UserAccount() {}

    UserAccount(UUID id, String email, String passwordHash, String displayName, String institution, Instant now) {
        this.id = id;
        this.email = email;
        this.passwordHash = passwordHash;
        this.displayName = displayName;
        this.institution = institution;
        this.role = Role.RESEARCHER;
        this.tier = Tier.FREE;
        this.enabled = true;
        this.passwordChangedAt = now;
        this.createdAt = now;
    }

    public UUID id() {
        return id;
    }

    public String email() {
        return email;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public String displayName() {
        return displayName;
    }

    public String institution() {
        return institution;
    }

    public Role role() {
        return role;
    }

    public Tier tier() {
        return tier;
    }

    public boolean enabled() {
        return enabled;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    /**
     * Counts a failed login within the window and locks the account once the count is reached.
     *
     * @return true if this failure locked the account
     */
    boolean recordFailedLogin(Instant now, int maxFailures, Duration window, Duration lockFor) {
        if (firstFailedLoginAt == null || firstFailedLoginAt.plus(window).isBefore(now)) {
            firstFailedLoginAt = now;
            failedLogins = 0;
        }
        failedLogins++;
        if (failedLogins >= maxFailures) {
            lockedUntil = now.plus(lockFor);
            failedLogins = 0;
            firstFailedLoginAt = null;
            return true;
        }
        return false;
    }

    void changePassword(String newHash, Instant now) {
        this.passwordHash = newHash;
        this.passwordChangedAt = now;
    }

    void changeRole(Role role) {
        this.role = role;
    }

    void changeTier(Tier tier) {
        this.tier = tier;
    }

    void enable(boolean enabled) {
        this.enabled = enabled;
    }

    void recordSuccessfulLogin() {
        failedLogins = 0;
        firstFailedLoginAt = null;
        lockedUntil = null;
    }

    @Override
    public UUID getId() {
        return id;
    }
}
