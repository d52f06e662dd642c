package org.fedimpute.users.authentication;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Log in, refresh, log out: public endpoints under /api/v1/auth. */
@RestController
class AuthenticationController {

    private final AuthenticationService authentication;

    AuthenticationController(AuthenticationService authentication) {
        this.authentication = authentication;
    }

    @PostMapping("/api/v1/auth/login")
    TokenResponse login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        return authentication.login(request, http.getRemoteAddr());
    }

    @PostMapping("/api/v1/auth/refresh")
    TokenResponse refresh(@Valid @RequestBody RefreshRequest request, HttpServletRequest http) {
        return authentication.refresh(request.refreshToken(), http.getRemoteAddr());
    }

    @PostMapping("/api/v1/auth/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(@Valid @RequestBody RefreshRequest request, HttpServletRequest http) {
        authentication.logout(request.refreshToken(), http.getRemoteAddr());
    }
}
