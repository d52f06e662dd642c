package org.fedimpute.platform.clients;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service obtains its own service token from user-service (OAuth 2.0 client credentials).
 *
 * @param secret the service's client secret, known to user-service as {@code fedimpute.users.service-clients.<name>};
 *     calls to other services are possible only when it is set
 * @param tokenUri user-service's token endpoint
 */
@ConfigurationProperties("fedimpute.service-client")
public record ServiceClientProperties(
        String secret,

        @DefaultValue("http://localhost:8001/internal/service-tokens")
        String tokenUri) {

    @Override
    public String toString() {
        return "ServiceClientProperties[secret=***, tokenUri=" + tokenUri + "]";
    }
}
