package org.fedimpute.jobs.lifecycle;

import java.util.UUID;
import org.fedimpute.platform.security.TokenUsers;
import org.springframework.security.oauth2.jwt.Jwt;

/** Who calls the job API, read from the access token: the user id (the subject) and whether they are an admin. */
public record Caller(UUID userId, boolean admin, String tier) {

    public static Caller of(Jwt jwt) {
        boolean admin =
                jwt.hasClaim("roles") && jwt.getClaimAsStringList("roles").contains("ADMIN");
        return new Caller(TokenUsers.userOf(jwt), admin, jwt.getClaimAsString("tier"));
    }

    /**
     * The caller on the researcher paths, which act on the caller's own jobs only, admin or not; admins use the admin
     * paths for others'.
     */
    public static Caller owner(Jwt jwt) {
        Caller caller = of(jwt);
        return new Caller(caller.userId(), false, caller.tier());
    }
}
