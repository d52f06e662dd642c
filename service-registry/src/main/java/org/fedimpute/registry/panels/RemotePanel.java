package org.fedimpute.registry.panels;

import java.util.List;

/**
 * A reference panel as a server describes it; what the server does not say is null and leaves the stored value
 * alone.
 *
 * @param remoteKey the exact key the server expects back at submit ({@code apps@hapmap-2@2.0.0} on Michigan)
 */
public record RemotePanel(
        String remoteKey,
        String displayName,
        String build,
        List<String> populations,
        Integer sampleCount,
        Long variantCount) {

    public RemotePanel {
        populations = populations == null ? null : List.copyOf(populations);
    }
}
