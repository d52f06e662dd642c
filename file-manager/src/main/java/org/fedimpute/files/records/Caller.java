package org.fedimpute.files.records;

import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.fedimpute.platform.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Who is calling, as the access rules for files see it: a user (an admin or not, on a tier) or a platform service.
 * A file is visible to its owner, to admins and to services; to anyone else it does not exist.
 *
 * @param subject the token's subject: a user's id, or a service's name
 * @param userId the user's id; {@code null} for a service
 * @param tier the user's tier from the token ({@code FREE}, {@code PREMIUM}), {@code null} when it names none
 */
public record Caller(String subject, UUID userId, boolean admin, boolean service, String tier) {

    private static final String TIER_PREFIX = "TIER_";

    /**
     * The caller behind a request's authentication; 401 when there is none (a request to a public path, such as a
     * signed download, that reached a route which needs a token).
     */
    public static Caller of(Authentication authentication) {
        if (authentication == null) {
            throw Problems.error(HttpStatus.UNAUTHORIZED, "This needs a bearer token or an API key.");
        }
        Set<String> authorities = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .collect(Collectors.toSet());
        boolean service = authorities.contains("ROLE_SERVICE");
        String tier = authorities.stream()
                .filter(authority -> authority.startsWith(TIER_PREFIX))
                .map(authority -> authority.substring(TIER_PREFIX.length()))
                .findFirst()
                .orElse(null);
        String subject = authentication.getName();
        return new Caller(
                subject, service ? null : userIdOf(subject), authorities.contains("ROLE_ADMIN"), service, tier);
    }

    /** Whether the caller may see, download and remove a file of this owner. */
    public boolean maySee(UUID ownerId) {
        return admin || service || ownerId.equals(userId);
    }

    /** The caller's user id, for what only a user can do (own files, upload them). */
    public UUID requireUser() {
        if (userId == null) {
            throw Problems.error(HttpStatus.FORBIDDEN, "Only a user's token can do this.");
        }
        return userId;
    }

    private static UUID userIdOf(String subject) {
        try {
            return UUID.fromString(subject);
        } catch (IllegalArgumentException notAUser) {
            return null;
        }
    }
}
