package org.fedimpute.jobs.peers;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An imputation service as service-registry describes it to platform services, with its reference panels.
 *
 * @param kind {@code MICHIGAN} or {@code GA4GH_WES}, the {@code kind()} of the remote server implementation to use
 */
public record RegisteredService(
        UUID id,
        String slug,
        String name,
        String kind,
        String baseUrl,
        String michiganAppId,
        Long maxUploadBytes,
        boolean active,
        boolean requiresUserToken,
        long connectTimeoutMs,
        long readTimeoutMs,
        List<Panel> panels) {

    public RegisteredService {
        panels = panels == null ? List.of() : List.copyOf(panels);
    }

    public Duration connectTimeout() {
        return Duration.ofMillis(connectTimeoutMs);
    }

    public Duration readTimeout() {
        return Duration.ofMillis(readTimeoutMs);
    }

    /** The panel named by its remote key or its readable name. */
    public Optional<Panel> panel(String keyOrName) {
        return panels.stream()
                .filter(panel -> panel.remoteKey().equals(keyOrName) || keyOrName.equalsIgnoreCase(panel.name()))
                .findFirst();
    }

    /** A reference panel the service offers; {@code remoteKey} is what its server knows it by. */
    public record Panel(
            String remoteKey, String name, List<String> builds, List<String> populations, boolean available) {

        public Panel {
            builds = builds == null ? List.of() : List.copyOf(builds);
            populations = populations == null ? List.of() : List.copyOf(populations);
        }
    }
}
