package org.fedimpute.users.accounts;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.fedimpute.users.audit.AuditEventType;
import org.fedimpute.users.audit.AuditLog;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Checks a password given for an account the same way wherever one is asked for (a login, a password change, an
 * account deletion), so that every wrong guess counts towards the lockout and is audited, and a locked account takes
 * no password at all. A caller answers a refusal with an error, so its transaction must not roll back for it
 * ({@code noRollbackFor = ErrorResponseException.class}), or the count and the audit entry would go with it.
 */
@Component
@EnableConfigurationProperties(LockoutProperties.class)
public class PasswordCheck {

    private final UserAccountRepository accounts;
    private final PasswordEncoder passwords;
    private final AuditLog audit;
    private final LockoutProperties lockout;
    private final Clock clock;
    private final EntityManager entityManager;

    PasswordCheck(
            UserAccountRepository accounts,
            PasswordEncoder passwords,
            AuditLog audit,
            LockoutProperties lockout,
            Clock clock,
            EntityManager entityManager) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.audit = audit;
        this.lockout = lockout;
        this.clock = clock;
        this.entityManager = entityManager;
    }

    /**
     * Whether the password is the account's and the account is not locked; a right password clears the failures
     * counted so far, as a login does.
     *
     * @param attempt what the password was given for, for the audit entry ("login", "password change")
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean passes(UserAccount account, String password, String ip, String attempt) {
        boolean matches = passwords.matches(password, account.passwordHash());
        // Read again and held until the transaction ends, so that attempts on one account at the same moment count
        // their failures one after another, instead of one failing on the row's version and going uncounted.
        entityManager.refresh(account, LockModeType.PESSIMISTIC_WRITE);
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        if (account.lockedAt(now)) {
            audit.record(AuditEventType.LOGIN_FAILED, account.id(), ip, attempt + ": account locked");
            return false;
        }
        if (!matches) {
            boolean lockedNow =
                    account.recordFailedLogin(now, lockout.maxFailures(), lockout.window(), lockout.lockDuration());
            accounts.save(account);
            audit.record(AuditEventType.LOGIN_FAILED, account.id(), ip, attempt + ": wrong password");
            if (lockedNow) {
                audit.record(
                        AuditEventType.ACCOUNT_LOCKED, account.id(), ip, "until " + now.plus(lockout.lockDuration()));
            }
            return false;
        }
        account.recordSuccessfulLogin();
        accounts.save(account);
        return true;
    }
}
