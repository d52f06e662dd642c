package org.fedimpute.registry.seed;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.fedimpute.registry.panels.PanelRequest;
import org.fedimpute.registry.services.ServiceRequest;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The catalogue entries to seed at start-up, checked against the same rules as an admin's requests; a seed that
 * breaks them stops the registry from starting.
 *
 * @param enabled whether to seed at all (off unless a deployment asks for it)
 */
@ConfigurationProperties("fedimpute.registry.seed")
@Validated
record SeedProperties(boolean enabled, List<@Valid SeededService> services) {

    SeedProperties {
        services = services == null ? List.of() : List.copyOf(services);
    }

    /**
     * A service to register, in the shape of the admin's request, and the panels to enter for it.
     *
     * @param service the service, registered if no service has its slug
     * @param panels its panels, each entered if the service has no panel with its remote key
     */
    record SeededService(@NotNull @Valid ServiceRequest service, List<@Valid PanelRequest> panels) {

        SeededService {
            panels = panels == null ? List.of() : List.copyOf(panels);
        }
    }
}
