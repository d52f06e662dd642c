package org.fedimpute.registry.services;

import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The lookup other platform services make with a service token: what a slug names, what it speaks and where it is
 * (user-service checks researchers' Michigan tokens with it; job-processor finds where to send a job).
 */
@RestController
class InternalServiceController {

    private final ServiceCatalogue catalogue;

    InternalServiceController(ServiceCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @GetMapping("/internal/services/{slug}")
    InternalService lookup(@PathVariable String slug) {
        return catalogue.endpoint(slug).map(InternalService::of).orElseThrow(ServiceCatalogue::notFound);
    }

    /** A service as platform services see it. */
    record InternalService(
            UUID id,
            String slug,
            String name,
            ServiceKind kind,
            String baseUrl,
            String michiganAppId,
            Long maxUploadBytes,
            boolean active) {

        static InternalService of(ServiceEndpoint endpoint) {
            return new InternalService(
                    endpoint.id(),
                    endpoint.slug(),
                    endpoint.name(),
                    endpoint.kind(),
                    endpoint.baseUrl(),
                    endpoint.michiganAppId(),
                    endpoint.maxUploadBytes(),
                    endpoint.active());
        }
    }
}
