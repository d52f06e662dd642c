package org.fedimpute.jobs.peers;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;

/**
 * Looks registered services up in service-registry: where a job goes and which panels it may name. Every submission,
 * dispatch and poll needs its job's service, so a service found is kept for {@code registry-cache-ttl}: a burst of
 * them costs one call per service, not one each. A slug the registry does not know is not kept, so a service
 * registered a moment ago is found at once.
 */
@Component
public class Registry {

    private static final Set<HttpStatusCode> NO_SUCH_SERVICE =
            Set.of(HttpStatus.NOT_FOUND, HttpStatus.BAD_REQUEST, HttpStatus.URI_TOO_LONG);

    private final PeerClients clients;
    private final Cache<String, RegisteredService> found;

    Registry(PeerClients clients, PeerProperties properties) {
        this.clients = clients;
        this.found = Caffeine.newBuilder()
                .expireAfterWrite(properties.registryCacheTtl())
                .maximumSize(1_000)
                .build();
    }

    /**
     * The service with this slug, switched off or not; empty when the registry does not know it, or will not look it up
     * (a researcher's "slug" with a slash or thousands of characters is refused with 400 or 414 before any lookup).
     */
    public Optional<RegisteredService> service(String slug) {
        return Optional.ofNullable(found.get(slug, this::ask));
    }

    private RegisteredService ask(String slug) {
        try {
            return clients.registry()
                    .get()
                    .uri("/internal/services/{slug}", slug)
                    .retrieve()
                    .body(RegisteredService.class);
        } catch (HttpClientErrorException e) {
            if (NO_SUCH_SERVICE.contains(e.getStatusCode())) {
                return null;
            }
            throw e;
        }
    }
}
