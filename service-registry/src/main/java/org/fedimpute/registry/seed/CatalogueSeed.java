package org.fedimpute.registry.seed;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.fedimpute.registry.panels.PanelCatalogue;
import org.fedimpute.registry.panels.PanelRequest;
import org.fedimpute.registry.panels.PanelResponse;
import org.fedimpute.registry.services.ServiceCatalogue;
import org.fedimpute.registry.services.ServiceEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Enters the configured services and panels when the registry has started, each only if it is absent: a restart
 * creates nothing twice, and whatever an admin changed since stays as the admin left it.
 */
@Component
@EnableConfigurationProperties(SeedProperties.class)
class CatalogueSeed {

    private static final Logger log = LoggerFactory.getLogger(CatalogueSeed.class);

    private final SeedProperties properties;
    private final ServiceCatalogue services;
    private final PanelCatalogue panels;

    CatalogueSeed(SeedProperties properties, ServiceCatalogue services, PanelCatalogue panels) {
        this.properties = properties;
        this.services = services;
        this.panels = panels;
    }

    @EventListener(ApplicationReadyEvent.class)
    void seedWhenReady() {
        if (properties.enabled()) {
            seed();
        }
    }

    void seed() {
        for (SeedProperties.SeededService seeded : properties.services()) {
            boolean known = services.endpoint(seeded.service().slug()).isPresent();
            ServiceEndpoint service = services.registerIfAbsent(seeded.service());
            Set<String> present = panels.panelsOf(service.id()).stream()
                    .map(PanelResponse::remoteKey)
                    .collect(Collectors.toCollection(HashSet::new));
            int entered = 0;
            for (PanelRequest panel : seeded.panels()) {
                if (present.add(panel.remoteKey().strip()) && panels.enterIfAbsent(service.id(), panel)) {
                    entered++;
                }
            }
            log.info(
                    "Seed: service {} {}, {} of its {} seeded panels entered now",
                    service.slug(),
                    known ? "was in the catalogue already" : "registered",
                    entered,
                    seeded.panels().size());
        }
    }
}
