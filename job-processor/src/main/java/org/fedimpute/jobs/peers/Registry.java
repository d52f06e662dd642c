package org.fedimpute.jobs.peers;

import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;

/** Looks registered services up in service-registry: where a job goes and which panels it may name. */
@Component
public class Registry {

    private final PeerClients clients;

    Registry(PeerClients clients) {
        this.clients = clients;
    }

    /** The service with this slug, switched off or not; empty when the registry does not know it. */
    public Optional<RegisteredService> service(String slug) {
        try {
            return Optional.ofNullable(clients.registry()
                    .get()
                    .uri("/internal/services/{slug}", slug)
                    .retrieve()
                    .body(RegisteredService.class));
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode() == HttpStatus.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
