package org.fedimpute.users.accounts;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.fedimpute.platform.security.TokenUsers;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Change a password, or reset a forgotten one. */
@RestController
class PasswordController {

    private final PasswordService passwords;

    PasswordController(PasswordService passwords) {
        this.passwords = passwords;
    }

    @PostMapping("/api/v1/users/me/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void change(
            @AuthenticationPrincipal Jwt token,
            @Valid @RequestBody PasswordRequests.ChangePassword request,
            HttpServletRequest http) {
        passwords.change(TokenUsers.userOf(token), request, http.getRemoteAddr());
    }

    /** Always 202, whether or not the address has an account, so the answer reveals none. */
    @PostMapping("/api/v1/auth/password-reset")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void requestReset(@Valid @RequestBody PasswordRequests.RequestReset request, HttpServletRequest http) {
        passwords.requestReset(request.email(), http.getRemoteAddr());
    }

    @PostMapping("/api/v1/auth/password-reset/confirm")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void confirmReset(@Valid @RequestBody PasswordRequests.ConfirmReset request, HttpServletRequest http) {
        passwords.confirmReset(request, http.getRemoteAddr());
    }
}
