package org.fedimpute.node.hubs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Authenticates a bearer token as the hub whose configured hash it has: the token's SHA-256 is compared with every
 * hub's in constant time, so neither the match nor its position shows in the time taken.
 */
public final class HubTokens {

    private final List<HubProperties.Hub> hubs;

    HubTokens(HubProperties properties) {
        this.hubs = properties.hubs();
    }

    /**
     * The hub whose token a bearer token is, as an authentication with the role {@code HUB} named after the hub (an
     * {@link org.springframework.security.authentication.AuthenticationManager}; not a bean of that type, which would
     * become the platform chain's too).
     */
    public Authentication authenticate(Authentication authentication) {
        if (!(authentication instanceof BearerTokenAuthenticationToken bearer)) {
            throw new BadCredentialsException("Not a bearer token");
        }
        return hubOf(bearer.getToken())
                .map(hub -> UsernamePasswordAuthenticationToken.authenticated(
                        hub.name(), null, AuthorityUtils.createAuthorityList("ROLE_HUB")))
                .orElseThrow(() -> new BadCredentialsException("The token is not one of a hub of this node"));
    }

    private Optional<HubProperties.Hub> hubOf(String token) {
        byte[] hash = sha256(token);
        HubProperties.Hub found = null;
        for (HubProperties.Hub hub : hubs) {
            if (MessageDigest.isEqual(hash, hub.tokenHash()) && found == null) {
                found = hub;
            }
        }
        return Optional.ofNullable(found);
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
