package org.fedimpute.registry.ga4gh;

import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import java.util.List;
import org.fedimpute.registry.services.ServiceCatalogue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The GA4GH Service Registry API 1.0, open to anyone like the public catalogue it mirrors. Errors stay the platform's
 * RFC 9457 problems, whose {@code status}, {@code title} and {@code detail} are exactly the spec's {@code Error}.
 */
@RestController
@SecurityRequirements
@RequestMapping("/ga4gh/registry/v1")
class Ga4ghRegistryController {

    private final Ga4ghRegistry registry;

    Ga4ghRegistryController(Ga4ghRegistry registry) {
        this.registry = registry;
    }

    @GetMapping("/services")
    List<ServiceInfo> services() {
        return registry.services();
    }

    @GetMapping("/services/types")
    List<ServiceInfo.Type> types() {
        return registry.types();
    }

    @GetMapping("/services/{id}")
    ServiceInfo service(@PathVariable String id) {
        return registry.service(id).orElseThrow(ServiceCatalogue::notFound);
    }

    @GetMapping("/service-info")
    ServiceInfo serviceInfo() {
        return registry.registry();
    }
}
