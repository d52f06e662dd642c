package org.fedimpute.users.externaltokens;

import java.time.Duration;
import java.util.Optional;
import org.fedimpute.users.tokens.AccessTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Asks service-registry what kind of server a service slug names and where it is, so a researcher's token can be
 * checked with that server. The registry is asked with a service token user-service mints for itself.
 */
@Component
class ServiceDirectory {

    private static final Logger log = LoggerFactory.getLogger(ServiceDirectory.class);

    private final RestClient registry;
    private final AccessTokens accessTokens;

    ServiceDirectory(
            RestClient.Builder clients,
            AccessTokens accessTokens,
            @Value("${fedimpute.users.registry-url:http://localhost:8002}") String registryUrl) {
        this.registry = clients.clone()
                .baseUrl(registryUrl)
                .requestFactory(ClientHttpRequestFactoryBuilder.detect()
                        .build(HttpClientSettings.defaults()
                                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5))))
                .build();
        this.accessTokens = accessTokens;
    }

    /** What the registry knows of a service; {@link Lookup#unreachable()} when it cannot be asked. */
    Lookup find(String slug) {
        try {
            ExternalService service = registry.get()
                    .uri("/internal/services/{slug}", slug)
                    .headers(headers -> headers.setBearerAuth(accessTokens
                            .issueForService("user-service", Duration.ofMinutes(1))
                            .value()))
                    .retrieve()
                    .body(ExternalService.class);
            return new Lookup(Optional.ofNullable(service), true);
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode().value() == HttpStatus.NOT_FOUND.value()) {
                return new Lookup(Optional.empty(), true);
            }
            log.warn("service-registry refused the lookup of {}: {}", slug, e.getStatusCode());
            return Lookup.unreachable();
        } catch (RestClientException e) {
            log.info("service-registry not reachable to look up {}: {}", slug, e.getMessage());
            return Lookup.unreachable();
        }
    }

    /** A service as the registry describes it: its kind (MICHIGAN, GA4GH_WES) and base URL. */
    record ExternalService(String slug, String kind, String baseUrl) {

        boolean isMichigan() {
            return "MICHIGAN".equals(kind);
        }
    }

    /** The answer: the service if the registry knows it, and whether the registry could be asked at all. */
    record Lookup(Optional<ExternalService> service, boolean answered) {

        static Lookup unreachable() {
            return new Lookup(Optional.empty(), false);
        }
    }
}
