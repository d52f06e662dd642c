package org.fedimpute.registry.directory;

import java.util.List;
import java.util.UUID;
import org.fedimpute.registry.panels.PanelResponse;
import org.fedimpute.registry.services.ServiceEndpoint;
import org.fedimpute.registry.services.ServiceKind;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The lookup other platform services make with a service token: what a slug names, what it speaks, where it is and
 * which panels it offers (user-service checks researchers' Michigan tokens with it; job-processor checks a submission
 * against it and finds where to send the job). It lives here rather than in {@code services} because it joins the
 * service with its panels.
 */
@RestController
class InternalServiceController {

    private final ServiceDirectory directory;

    InternalServiceController(ServiceDirectory directory) {
        this.directory = directory;
    }

    @GetMapping("/internal/services/{slug}")
    InternalService lookup(@PathVariable String slug) {
        return directory.forPlatform(slug);
    }

    /** A service as platform services see it, switched off or not, with all its panels. */
    record InternalService(
            UUID id,
            String slug,
            String name,
            ServiceKind kind,
            String baseUrl,
            String michiganAppId,
            Long maxUploadBytes,
            boolean active,
            boolean requiresUserToken,
            long connectTimeoutMs,
            long readTimeoutMs,
            List<Panel> panels) {

        static InternalService of(ServiceEndpoint endpoint, boolean requiresUserToken, List<PanelResponse> panels) {
            return new InternalService(
                    endpoint.id(),
                    endpoint.slug(),
                    endpoint.name(),
                    endpoint.kind(),
                    endpoint.baseUrl(),
                    endpoint.michiganAppId(),
                    endpoint.maxUploadBytes(),
                    endpoint.active(),
                    requiresUserToken,
                    endpoint.connectTimeout().toMillis(),
                    endpoint.readTimeout().toMillis(),
                    panels.stream().map(Panel::of).toList());
        }
    }

    /** A reference panel as a submission is checked against it: the key the server knows it by. */
    record Panel(String remoteKey, String name, List<String> builds, List<String> populations, boolean available) {

        static Panel of(PanelResponse panel) {
            return new Panel(
                    panel.remoteKey(),
                    panel.displayName(),
                    panel.build() == null ? List.of() : List.of(panel.build()),
                    panel.populations() == null ? List.of() : panel.populations(),
                    panel.available());
        }
    }
}
