package org.fedimpute.platform.clients;

import java.time.Duration;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;

/**
 * Builds clients for calls to another platform service: each request carries this service's own token (client
 * credentials from user-service, fetched once and reused until shortly before it expires) and bounded timeouts.
 */
public class ServiceClients {

    static final String REGISTRATION = "fedimpute-platform";

    private final RestClient.Builder builder;
    private final OAuth2ClientHttpRequestInterceptor serviceToken;

    ServiceClients(RestClient.Builder builder, OAuth2ClientHttpRequestInterceptor serviceToken) {
        this.builder = builder;
        this.serviceToken = serviceToken;
    }

    /**
     * A client for the service at {@code baseUrl} that gives up after the given connect and read timeouts. Each call
     * builds its own HTTP client and connection pool: build one per peer and keep it.
     */
    public RestClient to(String baseUrl, Duration connectTimeout, Duration readTimeout) {
        return builder.clone()
                .baseUrl(baseUrl)
                .requestFactory(ClientHttpRequestFactoryBuilder.detect()
                        .build(HttpClientSettings.defaults().withTimeouts(connectTimeout, readTimeout)))
                .requestInterceptor(serviceToken)
                .build();
    }
}
