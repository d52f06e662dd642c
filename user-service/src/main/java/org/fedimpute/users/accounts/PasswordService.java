package org.fedimpute.users.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.fedimpute.events.PasswordResetRequested;
import org.fedimpute.platform.events.EventOutbox;
import org.fedimpute.platform.web.Problems;
import org.fedimpute.users.audit.AuditEventType;
import org.fedimpute.users.audit.AuditLog;
import org.fedimpute.users.secrets.OpaqueTokens;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;

/**
 * Changing a password, and the forgotten-password flow: a single-use token that expires, sent to the account's
 * own address through {@code user.password-reset-requested}. Either way every session of the account ends, and so does
 * every reset link still unused: a link mailed before the change (to an inbox someone else may read) sets no password
 * after it.
 */
@Service
class PasswordService {

    private final UserAccountRepository accounts;
    private final PasswordCheck passwordCheck;
    private final PasswordResetTokenRepository resets;
    private final PasswordEncoder passwords;
    private final PasswordPolicy policy;
    private final AuditLog audit;
    private final EventOutbox outbox;
    private final ApplicationEventPublisher springEvents;
    private final Clock clock;
    private final Duration resetLifetime;

    PasswordService(
            UserAccountRepository accounts,
            PasswordCheck passwordCheck,
            PasswordResetTokenRepository resets,
            PasswordEncoder passwords,
            PasswordPolicy policy,
            AuditLog audit,
            EventOutbox outbox,
            ApplicationEventPublisher springEvents,
            Clock clock,
            @Value("${fedimpute.authentication.password-reset-lifetime:30m}") Duration resetLifetime) {
        this.accounts = accounts;
        this.passwordCheck = passwordCheck;
        this.resets = resets;
        this.passwords = passwords;
        this.policy = policy;
        this.audit = audit;
        this.outbox = outbox;
        this.springEvents = springEvents;
        this.clock = clock;
        this.resetLifetime = resetLifetime;
    }

    /** Checks the current password as a login does, and keeps a wrong one counted and audited though refused. */
    @Transactional(noRollbackFor = ErrorResponseException.class)
    void change(UUID userId, PasswordRequests.ChangePassword request, String ip) {
        UserAccount account = accounts.findById(userId).orElseThrow(PasswordService::wrongPassword);
        if (!passwordCheck.passes(account, request.currentPassword(), ip, "password change")) {
            throw wrongPassword();
        }
        setPassword(account, request.newPassword(), ip, "changed by the owner");
    }

    /** Starts a reset if the address belongs to an enabled account; the caller's answer is the same either way. */
    @Transactional
    void requestReset(String email, String ip) {
        accounts.findByEmail(email.trim()).filter(UserAccount::enabled).ifPresent(account -> {
            Instant now = now();
            String token = OpaqueTokens.generate();
            Instant expires = now.plus(resetLifetime);
            resets.save(new PasswordResetToken(OpaqueTokens.hash(token), account.id(), now, expires));
            outbox.publish(new PasswordResetRequested(account.id(), token, expires));
            audit.record(AuditEventType.PASSWORD_RESET_REQUESTED, account.id(), ip, null);
        });
    }

    @Transactional
    void confirmReset(PasswordRequests.ConfirmReset request, String ip) {
        Instant now = now();
        PasswordResetToken token = resets.findForUpdate(OpaqueTokens.hash(request.token()))
                .filter(candidate -> candidate.usableAt(now))
                .orElseThrow(PasswordService::invalidResetToken);
        UserAccount account = accounts.findById(token.userId())
                .filter(UserAccount::enabled)
                .orElseThrow(PasswordService::invalidResetToken);
        token.markUsed(now);
        account.recordSuccessfulLogin();
        setPassword(account, request.newPassword(), ip, "reset with an e-mailed token");
    }

    private void setPassword(UserAccount account, String newPassword, String ip, String how) {
        policy.check(newPassword, account.email()).ifPresent(reason -> {
            throw Problems.invalidField("newPassword", "The password " + reason + ".");
        });
        account.changePassword(passwords.encode(newPassword), now());
        accounts.save(account);
        resets.endUnused(account.id(), now());
        audit.record(AuditEventType.PASSWORD_CHANGED, account.id(), ip, how);
        springEvents.publishEvent(new CredentialsRevoked(account.id(), "password " + how));
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    private static ErrorResponseException wrongPassword() {
        return Problems.error(HttpStatus.FORBIDDEN, "The current password is wrong.");
    }

    private static ErrorResponseException invalidResetToken() {
        return Problems.error(HttpStatus.BAD_REQUEST, "The reset link is not valid any more. Ask for a new one.");
    }
}
