package org.fedimpute.registry.sync;

import java.util.List;
import java.util.Map;
import org.fedimpute.registry.panels.RemotePanel;
import org.fedimpute.registry.services.ServiceEndpoint;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a GA4GH WES node's {@code GET /service-info} (below the node's base URL, which includes
 * {@code /ga4gh/wes/v1}) and the reference panels it lists there.
 */
@Component
class WesServiceInfoClient {

    private final JsonMapper json;

    WesServiceInfoClient(JsonMapper json) {
        this.json = json;
    }

    WesServiceInfo serviceInfo(ServiceEndpoint service) {
        try (RemoteServer server = RemoteServer.open(service, json)) {
            return WesServiceInfo.parse(server.get("/service-info", Map.of()));
        }
    }

    /** Every panel the node offers now; a {@link SyncFailure} when its service-info does not say. */
    List<RemotePanel> offeredPanels(ServiceEndpoint service) {
        List<WesServiceInfo.OfferedPanel> panels = serviceInfo(service).referencePanels();
        if (panels == null) {
            throw new SyncFailure("the node's service-info lists no reference panels");
        }
        return panels.stream()
                .map(panel -> new RemotePanel(
                        panel.id(),
                        panel.name(),
                        panel.build(),
                        panel.populations(),
                        panel.samples(),
                        panel.variants()))
                .toList();
    }
}
