package org.fedimpute.monitoring.config;

import java.time.Duration;
import java.util.function.Function;
import org.fedimpute.platform.clients.ServiceClients;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * The clients for the platform services monitoring-service asks with its own service token (the registry and
 * file-manager), each built on first use, so that the service starts and polls before its client secret is set.
 */
@Component
public class PlatformPeers {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final ObjectProvider<ServiceClients> clients;
    private final MonitoringProperties properties;
    private volatile RestClient registry;
    private volatile RestClient files;

    PlatformPeers(ObjectProvider<ServiceClients> clients, MonitoringProperties properties) {
        this.clients = clients;
        this.properties = properties;
    }

    /** service-registry, for the catalogue of external imputation services. */
    public RestClient registry() {
        RestClient client = registry;
        if (client == null) {
            client = build(MonitoringProperties::registryUrl);
            registry = client;
        }
        return client;
    }

    /** file-manager, for the storage in use. */
    public RestClient files() {
        RestClient client = files;
        if (client == null) {
            client = build(MonitoringProperties::filesUrl);
            files = client;
        }
        return client;
    }

    private RestClient build(Function<MonitoringProperties, String> url) {
        ServiceClients serviceClients = clients.getIfAvailable();
        if (serviceClients == null) {
            throw new IllegalStateException(
                    "fedimpute.service-client.secret is not set: monitoring-service cannot ask other services");
        }
        return serviceClients.to(url.apply(properties), CONNECT_TIMEOUT, READ_TIMEOUT);
    }
}
