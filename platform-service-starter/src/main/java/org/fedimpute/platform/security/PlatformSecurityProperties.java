package org.fedimpute.platform.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which of a service's paths anyone may call without a token, beyond the operational ones every service opens.
 *
 * @param publicPaths Ant-style path patterns, such as {@code /api/v1/auth/**} on user-service
 */
@ConfigurationProperties("fedimpute.security")
public record PlatformSecurityProperties(List<String> publicPaths) {

    public PlatformSecurityProperties {
        publicPaths = publicPaths == null ? List.of() : List.copyOf(publicPaths);
    }
}
