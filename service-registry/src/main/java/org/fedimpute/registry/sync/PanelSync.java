package org.fedimpute.registry.sync;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.fedimpute.events.PanelSynced;
import org.fedimpute.platform.events.EventOutbox;
import org.fedimpute.platform.web.PageResponse;
import org.fedimpute.registry.panels.PanelCatalogue;
import org.fedimpute.registry.panels.PanelChange;
import org.fedimpute.registry.panels.RemotePanel;
import org.fedimpute.registry.services.ServiceCatalogue;
import org.fedimpute.registry.services.ServiceEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Syncs a service's reference panels with its server: reads what the server offers (over the network, outside any
 * transaction), then in one transaction reconciles the panels, stores the report and, if anything changed, publishes
 * {@code panel.synced}. A server that cannot be read gives a report with the reason and changes no panel.
 */
@Service
class PanelSync {

    private static final Logger log = LoggerFactory.getLogger(PanelSync.class);

    private final ServiceCatalogue services;
    private final PanelCatalogue panels;
    private final MichiganCatalogueClient michigan;
    private final WesServiceInfoClient wes;
    private final PanelSyncStore store;
    private final EventOutbox outbox;
    private final TransactionTemplate transaction;
    private final Clock clock;

    PanelSync(
            ServiceCatalogue services,
            PanelCatalogue panels,
            MichiganCatalogueClient michigan,
            WesServiceInfoClient wes,
            PanelSyncStore store,
            EventOutbox outbox,
            TransactionTemplate transaction,
            Clock clock) {
        this.services = services;
        this.panels = panels;
        this.michigan = michigan;
        this.wes = wes;
        this.store = store;
        this.outbox = outbox;
        this.transaction = transaction;
        this.clock = clock;
    }

    PanelSyncReport sync(UUID serviceId, SyncTrigger trigger) {
        return sync(services.endpoint(serviceId).orElseThrow(ServiceCatalogue::notFound), trigger);
    }

    PanelSyncReport sync(ServiceEndpoint service, SyncTrigger trigger) {
        Instant startedAt = now();
        Offer offer = offerOf(service);
        PanelSyncReport report = transaction.execute(status -> {
            store.writeLock(service.id());
            List<PanelChange> changes =
                    offer.panels() == null ? List.of() : panels.reconcile(service.id(), offer.panels());
            PanelSyncReport done = PanelSyncReport.of(service.id(), trigger, startedAt, now(), changes, offer.error());
            store.record(done);
            if (!changes.isEmpty()) {
                outbox.publish(new PanelSynced(
                        service.id(), service.slug(), done.added(), done.updated(), done.missing(), done.finishedAt()));
            }
            return done;
        });
        if (report.error() != null) {
            log.warn("Panel sync of {} failed: {}", service.slug(), report.error());
        } else {
            log.info(
                    "Panel sync of {}: {} added, {} updated, {} missing",
                    service.slug(),
                    report.added(),
                    report.updated(),
                    report.missing());
        }
        return report;
    }

    PageResponse<PanelSyncReport> history(UUID serviceId, int page, int size) {
        services.endpoint(serviceId).orElseThrow(ServiceCatalogue::notFound);
        return store.history(serviceId, page, size);
    }

    /** What the service's server offers, asked in its own protocol. */
    private Offer offerOf(ServiceEndpoint service) {
        try {
            return new Offer(
                    switch (service.kind()) {
                        case MICHIGAN -> michigan.offeredPanels(service, services.catalogueToken(service.id()));
                        case GA4GH_WES -> wes.offeredPanels(service);
                    },
                    null);
        } catch (SyncFailure failure) {
            return new Offer(null, failure.getMessage());
        } catch (RuntimeException unexpected) {
            log.error("Panel sync of {} failed unexpectedly", service.slug(), unexpected);
            return new Offer(null, "the registry failed while reading the server's catalogue (see its log)");
        }
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    /** The panels a server offers, or why it could not tell. */
    private record Offer(List<RemotePanel> panels, String error) {}
}
