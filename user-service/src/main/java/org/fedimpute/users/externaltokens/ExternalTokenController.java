package org.fedimpute.users.externaltokens;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The owner stores, lists (masked) and removes tokens; job-processor alone reads one whole. */
@RestController
class ExternalTokenController {

    private static final String SERVICE = "[a-z0-9][a-z0-9-]{0,63}";

    private final ExternalTokenService tokens;

    ExternalTokenController(ExternalTokenService tokens) {
        this.tokens = tokens;
    }

    @PutMapping("/api/v1/users/me/external-tokens/{service}")
    ExternalTokenMessages.MaskedToken save(
            @AuthenticationPrincipal Jwt caller,
            @PathVariable @Pattern(regexp = SERVICE) String service,
            @Valid @RequestBody ExternalTokenMessages.SaveTokenRequest request,
            HttpServletRequest http) {
        return tokens.save(TokenUsers.userOf(caller), service, request.token(), http.getRemoteAddr());
    }

    @GetMapping("/api/v1/users/me/external-tokens")
    List<ExternalTokenMessages.MaskedToken> list(@AuthenticationPrincipal Jwt caller) {
        return tokens.list(TokenUsers.userOf(caller));
    }

    @DeleteMapping("/api/v1/users/me/external-tokens/{service}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(
            @AuthenticationPrincipal Jwt caller,
            @PathVariable @Pattern(regexp = SERVICE) String service,
            HttpServletRequest http) {
        tokens.remove(TokenUsers.userOf(caller), service, http.getRemoteAddr());
    }

    @GetMapping("/internal/users/{userId}/external-tokens/{service}")
    @PreAuthorize("hasRole('SERVICE') and principal.claims['client_id'] == 'job-processor'")
    ExternalTokenMessages.RevealedToken reveal(
            @PathVariable UUID userId, @PathVariable @Pattern(regexp = SERVICE) String service) {
        return new ExternalTokenMessages.RevealedToken(tokens.reveal(userId, service));
    }
}
