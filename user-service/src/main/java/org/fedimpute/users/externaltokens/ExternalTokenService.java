package org.fedimpute.users.externaltokens;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.fedimpute.platform.jdbc.AdvisoryLocks;
import org.fedimpute.platform.secrets.SecretCipher;
import org.fedimpute.platform.web.Problems;
import org.fedimpute.users.audit.AuditEventType;
import org.fedimpute.users.audit.AuditLog;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

/**
 * Keeps each researcher's token per external service encrypted at rest (bound to user and service, so a ciphertext
 * moved to another row does not decrypt); the owner sees only its last characters, job-processor gets it whole.
 */
@Service
public class ExternalTokenService {

    private final ExternalTokenRepository tokens;
    private final SecretCipher cipher;
    private final AuditLog audit;
    private final ServiceDirectory directory;
    private final MichiganTokenCheck michigan;
    private final TransactionTemplate transaction;
    private final JdbcClient jdbc;
    private final Clock clock;

    ExternalTokenService(
            ExternalTokenRepository tokens,
            SecretCipher cipher,
            AuditLog audit,
            ServiceDirectory directory,
            MichiganTokenCheck michigan,
            TransactionTemplate transaction,
            JdbcClient jdbc,
            Clock clock) {
        this.tokens = tokens;
        this.cipher = cipher;
        this.audit = audit;
        this.directory = directory;
        this.michigan = michigan;
        this.transaction = transaction;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Stores a token after asking its server, where it can be reached, whether the token is valid: a token the
     * server refuses is not stored, and a service the registry does not know is refused. The server is asked
     * before the transaction, so no database connection waits on it.
     */
    ExternalTokenMessages.MaskedToken save(UUID userId, String service, String token, String ip) {
        String trimmed = token.trim();
        MichiganTokenCheck.Verdict verdict = verify(service, trimmed);
        return transaction.execute(status -> {
            takeTurnWithTokenOf(userId, service);
            Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
            ExternalToken stored = tokens.findByUserIdAndService(userId, service)
                    .orElseGet(() -> new ExternalToken(userId, service, now));
            stored.replace(
                    cipher.encrypt(trimmed.getBytes(StandardCharsets.UTF_8), associatedData(userId, service)),
                    trimmed.substring(Math.max(0, trimmed.length() - 4)),
                    now);
            if (verdict.outcome() == MichiganTokenCheck.Outcome.VALID) {
                stored.verified(now, verdict.expires(), verdict.username());
            }
            tokens.save(stored);
            audit.record(AuditEventType.EXTERNAL_TOKEN_SAVED, userId, ip, service);
            return ExternalTokenMessages.MaskedToken.of(stored);
        });
    }

    /**
     * Waits for any other transaction saving the user's token for the service to end, so that of two first saves at
     * once the second finds the first's row and replaces it, rather than failing on the primary key.
     */
    private void takeTurnWithTokenOf(UUID userId, String service) {
        AdvisoryLocks.forTransaction(jdbc, "external-token:" + userId + ":" + service);
    }

    private MichiganTokenCheck.Verdict verify(String service, String token) {
        ServiceDirectory.Lookup lookup = directory.find(service);
        if (lookup.answered() && lookup.service().isEmpty()) {
            throw Problems.error(HttpStatus.BAD_REQUEST, "There is no imputation service '" + service + "'.");
        }
        MichiganTokenCheck.Verdict verdict = lookup.service()
                .filter(ServiceDirectory.ExternalService::isMichigan)
                .map(known -> michigan.check(known.baseUrl(), token))
                .orElse(MichiganTokenCheck.Verdict.unreachable());
        if (verdict.outcome() == MichiganTokenCheck.Outcome.INVALID) {
            String reason = verdict.message() == null ? "no reason given" : verdict.message();
            throw Problems.error(
                    HttpStatus.BAD_REQUEST,
                    "The server of '" + service + "' says this token is not valid ("
                            + reason.substring(0, Math.min(200, reason.length()))
                            + "). Create a new one in your account there.");
        }
        return verdict;
    }

    @Transactional(readOnly = true)
    public List<ExternalTokenMessages.MaskedToken> list(UUID userId) {
        return tokens.findByUserIdOrderByService(userId).stream()
                .map(ExternalTokenMessages.MaskedToken::of)
                .toList();
    }

    @Transactional
    void remove(UUID userId, String service, String ip) {
        ExternalToken stored =
                tokens.findByUserIdAndService(userId, service).orElseThrow(ExternalTokenService::notFound);
        tokens.delete(stored);
        audit.record(AuditEventType.EXTERNAL_TOKEN_REMOVED, userId, ip, service);
    }

    /** The token in clear, for job-processor to call the external server on the user's behalf. */
    @Transactional(readOnly = true)
    String reveal(UUID userId, String service) {
        ExternalToken stored =
                tokens.findByUserIdAndService(userId, service).orElseThrow(ExternalTokenService::notFound);
        return new String(cipher.decrypt(stored.encrypted(), associatedData(userId, service)), StandardCharsets.UTF_8);
    }

    private static String associatedData(UUID userId, String service) {
        return "external-token:" + userId + ":" + service;
    }

    private static ErrorResponseException notFound() {
        return Problems.error(HttpStatus.NOT_FOUND, "No token stored for this service.");
    }
}
