package org.fedimpute.users.accounts;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import org.fedimpute.platform.security.TokenUsers;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Registration and the caller's own profile. */
@RestController
class AccountController {

    private final AccountService accounts;

    AccountController(AccountService accounts) {
        this.accounts = accounts;
    }

    @PostMapping("/api/v1/auth/register")
    ResponseEntity<UserResponse> register(@Valid @RequestBody RegisterRequest request, HttpServletRequest http) {
        UserAccount account = accounts.register(request, http.getRemoteAddr());
        return ResponseEntity.created(URI.create("/api/v1/users/me")).body(UserResponse.of(account));
    }

    @GetMapping("/api/v1/users/me")
    UserResponse me(@AuthenticationPrincipal Jwt token) {
        return accounts.find(TokenUsers.userOf(token))
                .filter(UserAccount::enabled)
                .map(UserResponse::of)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such account."));
    }
}
