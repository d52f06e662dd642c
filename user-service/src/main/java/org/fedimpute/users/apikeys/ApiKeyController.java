package org.fedimpute.users.apikeys;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
import org.fedimpute.platform.security.TokenUsers;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The owner's API keys, and the gateway's exchange of a key for a token. */
@RestController
class ApiKeyController {

    private final ApiKeyService apiKeys;

    ApiKeyController(ApiKeyService apiKeys) {
        this.apiKeys = apiKeys;
    }

    @PostMapping("/api/v1/users/me/api-keys")
    @ResponseStatus(HttpStatus.CREATED)
    ApiKeyMessages.CreatedApiKey create(
            @AuthenticationPrincipal Jwt token,
            @Valid @RequestBody ApiKeyMessages.CreateApiKeyRequest request,
            HttpServletRequest http) {
        return apiKeys.create(ownerOf(token), request, http.getRemoteAddr());
    }

    @GetMapping("/api/v1/users/me/api-keys")
    List<ApiKeyMessages.ApiKeyResponse> list(@AuthenticationPrincipal Jwt token) {
        return apiKeys.list(ownerOf(token));
    }

    @DeleteMapping("/api/v1/users/me/api-keys/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@AuthenticationPrincipal Jwt token, @PathVariable UUID id, HttpServletRequest http) {
        apiKeys.revoke(ownerOf(token), id, http.getRemoteAddr());
    }

    /** Only the gateway, with its service token, may exchange keys. */
    @PostMapping("/internal/api-keys/exchange")
    @PreAuthorize("hasRole('SERVICE') and principal.claims['client_id'] == 'api-gateway'")
    ApiKeyMessages.ExchangeResponse exchange(@Valid @RequestBody ApiKeyMessages.ExchangeRequest request) {
        return apiKeys.exchange(request.apiKey());
    }

    /** Keys belong to people; a token obtained from a key cannot mint further keys. */
    private static UUID ownerOf(Jwt token) {
        if (token.hasClaim("api_key_id")) {
            throw new org.springframework.security.access.AccessDeniedException("API keys cannot manage API keys");
        }
        return TokenUsers.userOf(token);
    }
}
