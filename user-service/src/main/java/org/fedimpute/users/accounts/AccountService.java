package org.fedimpute.users.accounts;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.fedimpute.events.UserDeleted;
import org.fedimpute.events.UserRegistered;
import org.fedimpute.platform.events.EventOutbox;
import org.fedimpute.platform.jdbc.AdvisoryLocks;
import org.fedimpute.platform.web.Problems;
import org.fedimpute.users.audit.AuditEventType;
import org.fedimpute.users.audit.AuditLog;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;

/** Opens accounts and keeps their login state; the only way into the account table. */
@Service
public class AccountService {

    private final UserAccountRepository accounts;
    private final PasswordEncoder passwords;
    private final PasswordPolicy policy;
    private final PasswordCheck passwordCheck;
    private final AuditLog audit;
    private final EventOutbox outbox;
    private final ApplicationEventPublisher springEvents;
    private final JdbcClient jdbc;
    private final Clock clock;

    AccountService(
            UserAccountRepository accounts,
            PasswordEncoder passwords,
            PasswordPolicy policy,
            PasswordCheck passwordCheck,
            AuditLog audit,
            EventOutbox outbox,
            ApplicationEventPublisher springEvents,
            JdbcClient jdbc,
            Clock clock) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.policy = policy;
        this.passwordCheck = passwordCheck;
        this.audit = audit;
        this.outbox = outbox;
        this.springEvents = springEvents;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional
    UserAccount register(RegisterRequest request, String ip) {
        String email = request.email().trim();
        policy.check(request.password(), email).ifPresent(reason -> {
            throw Problems.invalidField("password", "The password " + reason + ".");
        });
        if (accounts.existsByEmail(email)) {
            throw emailTaken();
        }
        Instant now = now();
        UserAccount account = new UserAccount(
                UUID.randomUUID(),
                email,
                passwords.encode(request.password()),
                request.name().trim(),
                request.institution() == null ? null : request.institution().trim(),
                now);
        try {
            // Flushed here, so that a registration racing this one with the same e-mail fails inside this catch.
            accounts.saveAndFlush(account);
        } catch (DataIntegrityViolationException raceWithSameEmail) {
            throw emailTaken();
        }
        audit.record(AuditEventType.REGISTERED, account.id(), ip, null);
        outbox.publish(new UserRegistered(account.id(), account.displayName(), now));
        return account;
    }

    @Transactional(readOnly = true)
    public Optional<UserAccount> find(UUID id) {
        return accounts.findById(id);
    }

    @Transactional(readOnly = true)
    public Optional<UserAccount> findByEmail(String email) {
        return accounts.findByEmail(email.trim());
    }

    @Transactional(readOnly = true)
    public UserAccount require(UUID id) {
        return accounts.findById(id).orElseThrow(AccountService::noSuchAccount);
    }

    @Transactional(readOnly = true)
    Page<UserAccount> search(String query, Role role, Tier tier, int page, int size) {
        String pattern = query == null || query.isBlank()
                ? null
                : "%"
                        + query.trim()
                                .toLowerCase(Locale.ROOT)
                                .replace("\\", "\\\\")
                                .replace("%", "\\%")
                                .replace("_", "\\_")
                        + "%";
        return accounts.search(
                pattern,
                role,
                tier,
                PageRequest.of(page, size, Sort.by("createdAt").descending()));
    }

    /**
     * An admin's change of role, tier or status; each change is audited with the admin as actor. The admin's account
     * is read again rather than trusted from the token, which keeps the role it was issued with until it expires: an
     * admin disabled or demoted meanwhile changes nothing. Both accounts stay locked until the change is stored, so two
     * admins changing each other take turns and the second sees what the first did. As admins can neither demote nor
     * disable themselves, every change leaves at least the acting admin enabled.
     */
    @Transactional
    UserAccount update(UUID id, AdminRequests.UpdateAccount change, UUID adminId, String ip) {
        Map<UUID, UserAccount> locked = accounts.findAllForUpdate(List.of(id, adminId)).stream()
                .collect(Collectors.toMap(UserAccount::id, Function.identity()));
        UserAccount admin = locked.get(adminId);
        if (admin == null || !admin.enabled() || admin.role() != Role.ADMIN) {
            throw Problems.error(
                    HttpStatus.FORBIDDEN, "Only an enabled admin may change accounts, and yours is not one any more.");
        }
        UserAccount account = Optional.ofNullable(locked.get(id)).orElseThrow(AccountService::noSuchAccount);
        boolean demotesSelf = change.role() != null && change.role() != Role.ADMIN;
        boolean disablesSelf = Boolean.FALSE.equals(change.enabled());
        if (id.equals(adminId) && (demotesSelf || disablesSelf)) {
            throw Problems.error(HttpStatus.CONFLICT, "Admins cannot demote or disable their own account.");
        }
        if (change.role() != null && change.role() != account.role()) {
            audit.recordBy(adminId, AuditEventType.ROLE_CHANGED, id, ip, account.role() + " -> " + change.role());
            account.changeRole(change.role());
        }
        if (change.tier() != null && change.tier() != account.tier()) {
            audit.recordBy(adminId, AuditEventType.TIER_CHANGED, id, ip, account.tier() + " -> " + change.tier());
            account.changeTier(change.tier());
        }
        if (change.enabled() != null && change.enabled() != account.enabled()) {
            account.enable(change.enabled());
            audit.recordBy(
                    adminId,
                    change.enabled() ? AuditEventType.ACCOUNT_ENABLED : AuditEventType.ACCOUNT_DISABLED,
                    id,
                    ip,
                    null);
            if (!change.enabled()) {
                springEvents.publishEvent(new CredentialsRevoked(id, "disabled by an admin"));
            }
        }
        return accounts.save(account);
    }

    /** The caller's own profile, for the personal data export. */
    @Transactional(readOnly = true)
    public UserResponse profileOf(UUID userId) {
        return UserResponse.of(require(userId));
    }

    /**
     * Deletes an account at its owner's request, after checking the password again as a login does (a wrong one
     * counts towards the lockout, and stays counted and audited though the request is refused); its sessions, keys and
     * tokens go with it, the audit trail stays (security records), and {@code user.deleted} tells the other services.
     * The last enabled admin cannot go, and enabled admins leave one at a time, so two last ones cannot go at once.
     */
    @Transactional(noRollbackFor = ErrorResponseException.class)
    public void deleteOwnAccount(UUID userId, String password, String ip) {
        UserAccount account = require(userId);
        if (!passwordCheck.passes(account, password, ip, "account deletion")) {
            throw Problems.error(HttpStatus.FORBIDDEN, "The password is wrong.");
        }
        if (account.role() == Role.ADMIN && account.enabled()) {
            AdvisoryLocks.forTransaction(jdbc, "enabled-admin-deletions");
            if (accounts.countByRoleAndEnabledTrue(Role.ADMIN) == 1) {
                throw Problems.error(
                        HttpStatus.CONFLICT,
                        "You are the last enabled admin, so your account cannot be deleted; make another account an"
                                + " admin, or enable a disabled admin, first.");
            }
        }
        audit.record(AuditEventType.ACCOUNT_DELETED, userId, ip, null);
        outbox.publish(new UserDeleted(userId, now()));
        accounts.delete(account);
    }

    /** Creates the first admin from configuration when the platform has none (a fresh installation). */
    @Transactional
    void createFirstAdmin(String email, String password, String name) {
        if (accounts.existsByRole(Role.ADMIN)) {
            return;
        }
        policy.check(password, email).ifPresent(reason -> {
            throw new IllegalStateException("The configured first admin's password " + reason);
        });
        UserAccount admin = accounts.findByEmail(email)
                .orElseGet(() -> accounts.save(
                        new UserAccount(UUID.randomUUID(), email, passwords.encode(password), name, null, now())));
        admin.changeRole(Role.ADMIN);
        admin.changeTier(Tier.PREMIUM);
        accounts.save(admin);
        audit.record(AuditEventType.ROLE_CHANGED, admin.id(), null, "first admin from configuration");
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    private static ErrorResponseException noSuchAccount() {
        return Problems.error(HttpStatus.NOT_FOUND, "No such account.");
    }

    private static ErrorResponseException emailTaken() {
        return Problems.error(
                HttpStatus.CONFLICT,
                "An account with this e-mail address exists already. Log in, or reset its password.");
    }
}
