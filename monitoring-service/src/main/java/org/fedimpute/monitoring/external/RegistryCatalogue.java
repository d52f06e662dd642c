package org.fedimpute.monitoring.external;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fedimpute.events.ServiceHealth;
import org.fedimpute.monitoring.config.PlatformPeers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Reads the registry's catalogue of offered imputation services ({@code GET /api/v1/services}, page by page, with
 * this service's token) for their names and slugs, and for the health of services that have not changed since this
 * service started listening. Services the catalogue stopped offering are forgotten unless an event named them since.
 */
@Component
class RegistryCatalogue {

    private static final Logger log = LoggerFactory.getLogger(RegistryCatalogue.class);
    private static final int PAGE_SIZE = 100;

    private final PlatformPeers peers;
    private final ExternalServices services;
    private volatile boolean failing;

    RegistryCatalogue(PlatformPeers peers, ExternalServices services) {
        this.peers = peers;
        this.services = services;
    }

    @Scheduled(fixedDelayString = "${fedimpute.monitoring.catalogue-refresh:5m}", initialDelay = 0)
    void refreshOnSchedule() {
        try {
            int listed = refresh();
            if (failing) {
                failing = false;
                log.info("Read the registry's catalogue again ({} services)", listed);
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                log.warn(
                        "Cannot read the registry's catalogue; external services keep their last known names: {}",
                        e.toString());
            }
        }
    }

    /** Reads the whole catalogue and answers how many services it lists. */
    int refresh() {
        Instant started = services.now();
        List<UUID> listed = new ArrayList<>();
        int totalPages = 1;
        for (int page = 0; page < totalPages; page++) {
            JsonNode answer = peers.registry()
                    .get()
                    .uri("/api/v1/services?page={page}&size={size}", page, PAGE_SIZE)
                    .retrieve()
                    .body(JsonNode.class);
            if (answer == null) {
                throw new IllegalStateException("the registry answered no catalogue");
            }
            totalPages = answer.path("totalPages").asInt(0);
            for (JsonNode service : answer.path("items")) {
                UUID id = UUID.fromString(service.path("id").asString());
                JsonNode status = service.path("status");
                services.report(
                        id,
                        service.path("slug").asString(),
                        service.path("name").asString(null),
                        health(status.path("health").asString(null)),
                        instant(status.path("lastCheckedAt").asString(null)));
                listed.add(id);
            }
        }
        services.forgetUnlisted(listed, started);
        return listed.size();
    }

    private static ServiceHealth health(String health) {
        try {
            return health == null ? ServiceHealth.UNKNOWN : ServiceHealth.valueOf(health);
        } catch (IllegalArgumentException e) {
            return ServiceHealth.UNKNOWN;
        }
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }
}
