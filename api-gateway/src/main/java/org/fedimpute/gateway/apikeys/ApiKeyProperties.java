package org.fedimpute.gateway.apikeys;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the gateway exchanges API keys.
 *
 * @param userService base URL of user-service (by default its route's upstream)
 * @param clientId the gateway's client id at user-service
 * @param clientSecret its secret ({@code FEDIMPUTE_GATEWAY_API_KEYS_CLIENT_SECRET}); without it keys answer 503
 * @param cacheTtl how long an exchanged token is reused for the same key (a revoked key works at most this long)
 * @param cacheSize how many keys' tokens are kept
 * @param timeout how long an exchange may take
 */
@ConfigurationProperties("fedimpute.gateway.api-keys")
record ApiKeyProperties(
        String userService,
        @DefaultValue("api-gateway") String clientId,
        String clientSecret,
        @DefaultValue("60s") Duration cacheTtl,
        @DefaultValue("10000") int cacheSize,
        @DefaultValue("5s") Duration timeout) {

    @Override
    public String toString() {
        return "ApiKeyProperties[userService=" + userService + ", clientId=" + clientId + ", clientSecret=***]";
    }
}
