package org.fedimpute.users.accounts;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fedimpute.events.UserRegistered;
import org.fedimpute.platform.events.EventOutbox;
import org.fedimpute.users.audit.AuditEventType;
import org.fedimpute.users.audit.AuditLog;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
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
    private final AuditLog audit;
    private final EventOutbox outbox;
    private final Clock clock;

    AccountService(
            UserAccountRepository accounts,
            PasswordEncoder passwords,
            PasswordPolicy policy,
            AuditLog audit,
            EventOutbox outbox,
            Clock clock) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.policy = policy;
        this.audit = audit;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    UserAccount register(RegisterRequest request, String ip) {
        String email = request.email().trim();
        policy.check(request.password(), email).ifPresent(reason -> {
            throw invalidField("password", "The password " + reason + ".");
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
            accounts.save(account);
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

    /** Saves a change the authentication feature made to an account's login state. */
    @Transactional
    public void saveLoginState(UserAccount account) {
        accounts.save(account);
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    private static ErrorResponseException emailTaken() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.CONFLICT,
                "An account with this e-mail address exists already. Log in, or reset its password.");
        return new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
    }

    private static ErrorResponseException invalidField(String field, String message) {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request has invalid fields.");
        problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }
}
