package org.fedimpute.notifications.preferences;

import jakarta.validation.Valid;
import org.fedimpute.platform.security.TokenUsers;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own notification preferences, read and replaced whole. */
@RestController
class PreferencesController {

    private final DeliveryPreferences preferences;

    PreferencesController(DeliveryPreferences preferences) {
        this.preferences = preferences;
    }

    @GetMapping("/api/v1/notifications/preferences")
    PreferencesDocument read(@AuthenticationPrincipal Jwt token) {
        return preferences.read(TokenUsers.userOf(token));
    }

    @PutMapping("/api/v1/notifications/preferences")
    PreferencesDocument replace(@AuthenticationPrincipal Jwt token, @Valid @RequestBody PreferencesDocument document) {
        return preferences.replace(TokenUsers.userOf(token), document);
    }
}
