package org.fedimpute.users.apikeys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.fedimpute.platform.web.Problems;
import org.fedimpute.users.accounts.AccountService;
import org.fedimpute.users.accounts.Role;
import org.fedimpute.users.accounts.UserAccount;
import org.fedimpute.users.audit.AuditEventType;
import org.fedimpute.users.audit.AuditLog;
import org.fedimpute.users.secrets.OpaqueTokens;
import org.fedimpute.users.tokens.AccessTokens;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;

/**
 * Creates, lists and revokes API keys, and turns a valid key into a short-lived access token for the gateway. A key
 * is 256 random bits, so a fast hash stores it safely; only its first characters are kept readable.
 */
@Service
public class ApiKeyService {

    static final String KEY_PREFIX = "fi_";
    static final List<String> ALL_SCOPES = List.of(
            "services:read",
            "jobs:read",
            "jobs:write",
            "files:read",
            "files:write",
            "notifications:read",
            "monitoring:read");
    private static final int MAX_ACTIVE_KEYS = 20;
    private static final Duration EXCHANGED_TOKEN_LIFETIME = Duration.ofMinutes(5);

    private final ApiKeyRepository keys;
    private final AccountService accounts;
    private final AccessTokens accessTokens;
    private final AuditLog audit;
    private final Clock clock;

    ApiKeyService(
            ApiKeyRepository keys, AccountService accounts, AccessTokens accessTokens, AuditLog audit, Clock clock) {
        this.keys = keys;
        this.accounts = accounts;
        this.accessTokens = accessTokens;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    ApiKeyMessages.CreatedApiKey create(UUID userId, ApiKeyMessages.CreateApiKeyRequest request, String ip) {
        if (keys.countActiveOf(userId) >= MAX_ACTIVE_KEYS) {
            throw Problems.error(
                    HttpStatus.CONFLICT, "You have " + MAX_ACTIVE_KEYS + " active keys; revoke one first.");
        }
        List<String> scopes = request.scopes() == null || request.scopes().isEmpty() ? ALL_SCOPES : request.scopes();
        List<String> unknown =
                scopes.stream().filter(scope -> !ALL_SCOPES.contains(scope)).toList();
        if (!unknown.isEmpty()) {
            throw Problems.error(
                    HttpStatus.BAD_REQUEST, "Unknown scopes " + unknown + "; known are " + ALL_SCOPES + ".");
        }
        String body = OpaqueTokens.generate();
        String key = KEY_PREFIX + body;
        Instant now = now();
        Instant expires = request.expiresInDays() == null ? null : now.plus(Duration.ofDays(request.expiresInDays()));
        ApiKey stored = keys.save(new ApiKey(
                userId,
                request.name().trim(),
                KEY_PREFIX + body.substring(0, 8),
                OpaqueTokens.hash(key),
                scopes,
                now,
                expires));
        audit.record(AuditEventType.API_KEY_CREATED, userId, ip, stored.prefix());
        return new ApiKeyMessages.CreatedApiKey(ApiKeyMessages.ApiKeyResponse.of(stored), key);
    }

    @Transactional(readOnly = true)
    public List<ApiKeyMessages.ApiKeyResponse> list(UUID userId) {
        return keys.findActiveOf(userId).stream()
                .map(ApiKeyMessages.ApiKeyResponse::of)
                .toList();
    }

    /** Revokes one of the caller's keys; another user's key is answered as not found. */
    @Transactional
    void revoke(UUID userId, UUID keyId, String ip) {
        ApiKey key = keys.findByIdAndUserId(keyId, userId)
                .orElseThrow(() -> Problems.error(HttpStatus.NOT_FOUND, "No such API key."));
        key.revoke(now());
        keys.save(key);
        audit.record(AuditEventType.API_KEY_REVOKED, userId, ip, key.prefix());
    }

    @Transactional
    ApiKeyMessages.ExchangeResponse exchange(String presented) {
        Instant now = now();
        ApiKey key = keys.findByKeyHash(OpaqueTokens.hash(presented))
                .filter(candidate -> candidate.usableAt(now))
                .orElseThrow(ApiKeyService::invalidKey);
        UserAccount owner =
                accounts.find(key.userId()).filter(UserAccount::enabled).orElseThrow(ApiKeyService::invalidKey);
        key.markUsed(now);
        keys.save(key);
        // A key acts as a researcher whoever owns it: an admin's powers need a sign-in, so a leaked key of an admin's
        // reaches only the admin's own jobs and files, as any researcher's key would.
        AccessTokens.IssuedToken token = accessTokens.issueForApiKey(
                owner.id(),
                Role.RESEARCHER.name(),
                owner.tier().name(),
                key.id(),
                key.scopes(),
                EXCHANGED_TOKEN_LIFETIME);
        return new ApiKeyMessages.ExchangeResponse(
                token.value(), token.lifetime().toSeconds());
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    private static ErrorResponseException invalidKey() {
        return Problems.error(HttpStatus.UNAUTHORIZED, "The API key is not valid (unknown, revoked or expired).");
    }
}
