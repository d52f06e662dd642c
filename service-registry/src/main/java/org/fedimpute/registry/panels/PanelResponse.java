package org.fedimpute.registry.panels;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A reference panel as researchers and admins read it. */
public record PanelResponse(
        UUID id,
        UUID serviceId,
        String remoteKey,
        String displayName,
        String build,
        List<String> populations,
        Integer sampleCount,
        Long variantCount,
        boolean available,
        PanelOrigin origin,
        Instant lastSeenAt,
        Instant missingSince,
        Instant updatedAt) {

    static PanelResponse of(ReferencePanel panel) {
        return new PanelResponse(
                panel.id(),
                panel.serviceId(),
                panel.remoteKey(),
                panel.displayName(),
                panel.build(),
                panel.populations(),
                panel.sampleCount(),
                panel.variantCount(),
                panel.available(),
                panel.origin(),
                panel.lastSeenAt(),
                panel.missingSince(),
                panel.updatedAt());
    }
}
