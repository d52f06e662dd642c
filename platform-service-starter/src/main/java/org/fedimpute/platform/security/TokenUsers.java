package org.fedimpute.platform.security;

import java.util.UUID;
import org.fedimpute.platform.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.ErrorResponseException;

/**
 * The user a token speaks for, on the routes that act for a user: a user's token carries the user's id as its
 * subject, a platform service's token its own name, which such a route refuses with 403 rather than a 500.
 */
public final class TokenUsers {

    private TokenUsers() {}

    /** The token's user id; 403 for a token that names no user (a service's). */
    public static UUID userOf(Jwt token) {
        String subject = token.getSubject();
        if (subject == null) {
            throw noUser();
        }
        try {
            return UUID.fromString(subject);
        } catch (IllegalArgumentException notAUser) {
            throw noUser();
        }
    }

    private static ErrorResponseException noUser() {
        return Problems.error(HttpStatus.FORBIDDEN, "Only a user's token can do this.");
    }
}
