package org.fedimpute.platform.security;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service checks callers: the issuer its tokens must name, and which of its paths anyone may call without a
 * token, beyond the operational ones every service opens.
 *
 * @param tokenIssuer the {@code iss} claim user-service puts in every access token
 * @param publicPaths Ant-style path patterns, such as {@code /api/v1/auth/**} on user-service
 * @param scopeAreas path areas whose API-key scope is another area's ({@code reference-panels} → {@code services})
 * @param verifiedTokens how many fully checked tokens are remembered until they expire (about 3 KB each), so that a
 *     caller's signature is not checked again on every request; {@code 0} checks every request
 */
@ConfigurationProperties("fedimpute.security")
public record PlatformSecurityProperties(
        @DefaultValue("fedimpute") String tokenIssuer,
        List<String> publicPaths,
        Map<String, String> scopeAreas,
        @DefaultValue("1000") int verifiedTokens) {

    public PlatformSecurityProperties {
        publicPaths = publicPaths == null ? List.of() : List.copyOf(publicPaths);
        scopeAreas = scopeAreas == null ? Map.of() : Map.copyOf(scopeAreas);
    }
}
