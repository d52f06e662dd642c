package org.fedimpute.jobs.peers;

import java.net.http.HttpClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.fedimpute.platform.clients.ServiceClients;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Clients for the three platform services, each call carrying job-processor's service token; built on first use so
 * the service starts (and answers its health probes) even before its client secret is configured, and then kept, so
 * that calls reuse the HTTP client's pooled connections instead of each opening its own client and connection.
 */
@Component
@EnableConfigurationProperties(PeerProperties.class)
class PeerClients {

    private final ObjectProvider<ServiceClients> clients;
    private final RestClient.Builder builder;
    private final PeerProperties properties;
    private final ClientHttpRequestFactory http11;
    private final Map<String, RestClient> byBaseUrl = new ConcurrentHashMap<>();

    PeerClients(ObjectProvider<ServiceClients> clients, RestClient.Builder builder, PeerProperties properties) {
        this.clients = clients;
        this.builder = builder;
        this.properties = properties;
        // HTTP/1.1: a streamed body of unknown length (an upload, a result) on a connection the JDK client had
        // upgraded to h2c was cancelled by the server (RST_STREAM) in tests.
        this.http11 = ClientHttpRequestFactoryBuilder.jdk()
                .withHttpClientCustomizer(client -> client.version(HttpClient.Version.HTTP_1_1))
                .build(HttpClientSettings.defaults()
                        .withTimeouts(properties.connectTimeout(), properties.readTimeout()));
    }

    /** file-manager called as the researcher, with their own access token (inputs are taken from owners only). */
    RestClient filesAsUser(String accessToken) {
        return builder.clone()
                .baseUrl(properties.filesUrl())
                .requestFactory(http11)
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken)
                .build();
    }

    RestClient registry() {
        return to(properties.registryUrl());
    }

    RestClient users() {
        return to(properties.usersUrl());
    }

    RestClient files() {
        return to(properties.filesUrl());
    }

    private RestClient to(String baseUrl) {
        return byBaseUrl.computeIfAbsent(baseUrl, this::build);
    }

    private RestClient build(String baseUrl) {
        ServiceClients serviceClients = clients.getIfAvailable();
        if (serviceClients == null) {
            throw new IllegalStateException(
                    "fedimpute.service-client.secret is not set: job-processor cannot call other services");
        }
        return serviceClients
                .to(baseUrl, properties.connectTimeout(), properties.readTimeout())
                .mutate()
                .requestFactory(http11)
                .build();
    }
}
