package org.fedimpute.users.externaltokens;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.fedimpute.users.audit.AuditEventType;
import org.fedimpute.users.audit.AuditLog;
import org.fedimpute.users.secrets.SecretCipher;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
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
    private final Clock clock;

    ExternalTokenService(ExternalTokenRepository tokens, SecretCipher cipher, AuditLog audit, Clock clock) {
        this.tokens = tokens;
        this.cipher = cipher;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    ExternalTokenMessages.MaskedToken save(UUID userId, String service, String token, String ip) {
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        ExternalToken stored =
                tokens.findByUserIdAndService(userId, service).orElseGet(() -> new ExternalToken(userId, service, now));
        String trimmed = token.trim();
        stored.replace(
                cipher.encrypt(trimmed.getBytes(StandardCharsets.UTF_8), associatedData(userId, service)),
                trimmed.substring(Math.max(0, trimmed.length() - 4)),
                now);
        tokens.save(stored);
        audit.record(AuditEventType.EXTERNAL_TOKEN_SAVED, userId, ip, service);
        return ExternalTokenMessages.MaskedToken.of(stored);
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
        return new ErrorResponseException(
                HttpStatus.NOT_FOUND,
                ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No token stored for this service."),
                null);
    }
}
