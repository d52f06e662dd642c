package org.fedimpute.registry.directory;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.fedimpute.events.ServiceHealth;
import org.fedimpute.registry.panels.PanelResponse;
import org.fedimpute.registry.services.ServiceKind;
import org.fedimpute.registry.services.ServiceRequest;

/**
 * A service as researchers browse it: what it is, whether it is up, and what its panels cover.
 *
 * @param createdAt when the service entered the catalogue
 * @param updatedAt when its catalogue entry last changed
 * @param populations the populations its available panels cover
 * @param panels its panels, in a single service's answer only (null in lists)
 */
public record ServiceSummary(
        UUID id,
        String slug,
        String name,
        ServiceKind kind,
        String baseUrl,
        String michiganAppId,
        String description,
        ServiceRequest.Location location,
        List<String> supportedBuilds,
        List<String> inputFormats,
        Long maxUploadBytes,
        boolean requiresUserToken,
        boolean active,
        Instant createdAt,
        Instant updatedAt,
        Status status,
        int panelCount,
        List<String> populations,
        List<PanelResponse> panels) {

    ServiceSummary withPanels(List<PanelResponse> servicePanels) {
        return new ServiceSummary(
                id,
                slug,
                name,
                kind,
                baseUrl,
                michiganAppId,
                description,
                location,
                supportedBuilds,
                inputFormats,
                maxUploadBytes,
                requiresUserToken,
                active,
                createdAt,
                updatedAt,
                status,
                panelCount,
                populations,
                List.copyOf(servicePanels));
    }

    /** Whether researchers are offered the service. */
    public boolean offered() {
        return active && status.deactivatedAt() == null;
    }

    /**
     * What the latest health check saw.
     *
     * @param awaitingApproval deactivated, answering again, and waiting for an admin to bring it back
     */
    public record Status(
            ServiceHealth health,
            Instant lastCheckedAt,
            Integer lastResponseMs,
            String lastError,
            Instant firstUnhealthyAt,
            Instant deactivatedAt,
            boolean awaitingApproval) {}
}
