package org.fedimpute.users.privacy;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.fedimpute.platform.security.TokenUsers;
import org.fedimpute.users.accounts.AccountService;
import org.fedimpute.users.accounts.UserResponse;
import org.fedimpute.users.apikeys.ApiKeyMessages;
import org.fedimpute.users.apikeys.ApiKeyService;
import org.fedimpute.users.audit.AuditLog;
import org.fedimpute.users.externaltokens.ExternalTokenMessages;
import org.fedimpute.users.externaltokens.ExternalTokenService;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Everything user-service holds about the caller, as one JSON document; and deleting the account. */
@RestController
class PersonalDataController {

    private final AccountService accounts;
    private final ApiKeyService apiKeys;
    private final ExternalTokenService externalTokens;
    private final AuditLog audit;
    private final Clock clock;

    PersonalDataController(
            AccountService accounts,
            ApiKeyService apiKeys,
            ExternalTokenService externalTokens,
            AuditLog audit,
            Clock clock) {
        this.accounts = accounts;
        this.apiKeys = apiKeys;
        this.externalTokens = externalTokens;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping("/api/v1/users/me/export")
    ResponseEntity<PersonalData> export(@AuthenticationPrincipal Jwt caller) {
        UUID userId = TokenUsers.userOf(caller);
        PersonalData data = new PersonalData(
                Instant.now(clock),
                accounts.profileOf(userId),
                apiKeys.list(userId),
                externalTokens.list(userId),
                audit.trailOf(userId),
                "Jobs and files are exported by their own services under /api/v1/jobs and /api/v1/files.");
        return ResponseEntity.ok()
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"fedimpute-account-" + userId + ".json\"")
                .body(data);
    }

    @DeleteMapping("/api/v1/users/me")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(
            @AuthenticationPrincipal Jwt caller,
            @Valid @RequestBody DeleteAccountRequest request,
            HttpServletRequest http) {
        accounts.deleteOwnAccount(TokenUsers.userOf(caller), request.password(), http.getRemoteAddr());
    }

    /** The owner confirms the deletion with their password. */
    record DeleteAccountRequest(@NotBlank @Size(max = 200) String password) {

        @Override
        public String toString() {
            return "DeleteAccountRequest[***]";
        }
    }

    /** The export document. */
    record PersonalData(
            Instant exportedAt,
            UserResponse account,
            List<ApiKeyMessages.ApiKeyResponse> apiKeys,
            List<ExternalTokenMessages.MaskedToken> externalTokens,
            List<AuditLog.AuditEntry> securityEvents,
            String elsewhere) {}
}
