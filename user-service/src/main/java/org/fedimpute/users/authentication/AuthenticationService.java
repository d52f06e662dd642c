package org.fedimpute.users.authentication;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.fedimpute.platform.web.Problems;
import org.fedimpute.users.accounts.AccountService;
import org.fedimpute.users.accounts.PasswordCheck;
import org.fedimpute.users.accounts.UserAccount;
import org.fedimpute.users.audit.AuditEventType;
import org.fedimpute.users.audit.AuditLog;
import org.fedimpute.users.secrets.OpaqueTokens;
import org.fedimpute.users.tokens.AccessTokens;
import org.fedimpute.users.tokens.TokenProperties;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;

/**
 * Checks passwords, locks accounts after repeated failures, and issues access and refresh tokens. Every refusal
 * gives the same answer, whether the e-mail is unknown, the password wrong, the account locked or disabled, so
 * the answer tells an attacker nothing about which accounts exist.
 */
@Service
class AuthenticationService {

    private final AccountService accounts;
    private final PasswordCheck passwordCheck;
    private final RefreshTokenRepository refreshTokens;
    private final AccessTokens accessTokens;
    private final PasswordEncoder passwords;
    private final AuditLog audit;
    private final TokenProperties tokenProperties;
    private final Clock clock;
    private final String unknownUserHash;

    AuthenticationService(
            AccountService accounts,
            PasswordCheck passwordCheck,
            RefreshTokenRepository refreshTokens,
            AccessTokens accessTokens,
            PasswordEncoder passwords,
            AuditLog audit,
            TokenProperties tokenProperties,
            Clock clock) {
        this.accounts = accounts;
        this.passwordCheck = passwordCheck;
        this.refreshTokens = refreshTokens;
        this.accessTokens = accessTokens;
        this.passwords = passwords;
        this.audit = audit;
        this.tokenProperties = tokenProperties;
        this.clock = clock;
        this.unknownUserHash = passwords.encode(UUID.randomUUID().toString());
    }

    @Transactional(noRollbackFor = ErrorResponseException.class)
    TokenResponse login(LoginRequest request, String ip) {
        Instant now = now();
        Optional<UserAccount> found = accounts.findByEmail(request.email());
        if (found.isEmpty()) {
            passwords.matches(request.password(), unknownUserHash);
            audit.record(AuditEventType.LOGIN_FAILED, null, ip, "unknown e-mail");
            throw invalidCredentials();
        }
        UserAccount account = found.get();
        if (!passwordCheck.passes(account, request.password(), ip, "login")) {
            throw invalidCredentials();
        }
        if (!account.enabled()) {
            audit.record(AuditEventType.LOGIN_FAILED, account.id(), ip, "account disabled");
            throw invalidCredentials();
        }
        audit.record(AuditEventType.LOGIN_SUCCEEDED, account.id(), ip, null);
        return issue(account, UUID.randomUUID(), now);
    }

    /**
     * Exchanges a refresh token for a new pair. A token presented twice means it was stolen or leaked: the whole
     * family is revoked, so neither the thief nor the owner can go on with it.
     */
    @Transactional(noRollbackFor = ErrorResponseException.class)
    TokenResponse refresh(String presented, String ip) {
        Instant now = now();
        RefreshToken token = refreshTokens
                .findForUpdate(OpaqueTokens.hash(presented))
                .orElseThrow(AuthenticationService::invalidRefresh);
        if (token.used()) {
            refreshTokens.revokeFamily(token.familyId(), now);
            audit.record(AuditEventType.REFRESH_TOKEN_REUSED, token.userId(), ip, "family revoked");
            throw invalidRefresh();
        }
        if (!token.usableAt(now)) {
            throw invalidRefresh();
        }
        token.markUsed(now);
        refreshTokens.save(token);
        UserAccount account = accounts.find(token.userId())
                .filter(UserAccount::enabled)
                .orElseThrow(AuthenticationService::invalidRefresh);
        audit.record(AuditEventType.TOKEN_REFRESHED, account.id(), ip, null);
        return issue(account, token.familyId(), now);
    }

    /** Ends the login the refresh token belongs to; an unknown token is not an error (logging out twice is fine). */
    @Transactional
    void logout(String presented, String ip) {
        refreshTokens.findForUpdate(OpaqueTokens.hash(presented)).ifPresent(token -> {
            refreshTokens.revokeFamily(token.familyId(), now());
            audit.record(AuditEventType.LOGGED_OUT, token.userId(), ip, null);
        });
    }

    private TokenResponse issue(UserAccount account, UUID familyId, Instant now) {
        String refresh = OpaqueTokens.generate();
        refreshTokens.save(new RefreshToken(
                account.id(),
                familyId,
                OpaqueTokens.hash(refresh),
                now,
                now.plus(tokenProperties.refreshTokenLifetime())));
        AccessTokens.IssuedToken access = accessTokens.issue(
                account.id(), account.role().name(), account.tier().name());
        return new TokenResponse(
                access.value(),
                "Bearer",
                access.lifetime().toSeconds(),
                refresh,
                tokenProperties.refreshTokenLifetime().toSeconds());
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    private static ErrorResponseException invalidCredentials() {
        return Problems.error(HttpStatus.UNAUTHORIZED, "The e-mail address or the password is wrong.");
    }

    private static ErrorResponseException invalidRefresh() {
        return Problems.error(HttpStatus.UNAUTHORIZED, "The refresh token is not valid. Log in again.");
    }
}
