package org.fedimpute.users.services;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The services allowed to obtain service tokens, each with its secret ({@code ./platform up} generates them; other
 * environments set {@code FEDIMPUTE_USERS_SERVICE_CLIENTS_<NAME>}).
 *
 * @param serviceClients client id (such as {@code api-gateway}) to secret
 */
@ConfigurationProperties("fedimpute.users")
record ServiceClientProperties(Map<String, String> serviceClients) {

    ServiceClientProperties {
        serviceClients = serviceClients == null ? Map.of() : Map.copyOf(serviceClients);
    }

    @Override
    public String toString() {
        return "ServiceClientProperties[clients=" + serviceClients.keySet() + "]";
    }
}
