package org.fedimpute.registry.panels;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.fedimpute.platform.jdbc.AdvisoryLocks;
import org.fedimpute.platform.web.Problems;
import org.fedimpute.registry.services.ServiceCatalogue;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;

/**
 * Keeps each service's reference panels: the admin's own entries, and the reconciliation with what the service's
 * server offers, which adds new panels, updates changed ones and stops offering vanished ones without deleting them.
 */
@Service
public class PanelCatalogue {

    private final ReferencePanelRepository panels;
    private final ServiceCatalogue services;
    private final Clock clock;
    private final JdbcClient jdbc;

    PanelCatalogue(ReferencePanelRepository panels, ServiceCatalogue services, Clock clock, JdbcClient jdbc) {
        this.panels = panels;
        this.services = services;
        this.clock = clock;
        this.jdbc = jdbc;
    }

    /**
     * Enters the panel unless the service has one of its key; for seeding, which another instance may be doing at the
     * same moment. Answers whether this call entered it.
     */
    @Transactional
    public boolean enterIfAbsent(UUID serviceId, PanelRequest request) {
        takeTurnWithPanelsOf(serviceId);
        if (panels.existsByServiceIdAndRemoteKey(serviceId, request.remoteKey().strip())) {
            return false;
        }
        panels.save(ReferencePanel.entered(serviceId, request, Instant.now(clock)));
        return true;
    }

    @Transactional
    public PanelResponse enter(UUID serviceId, PanelRequest request) {
        services.endpoint(serviceId).orElseThrow(ServiceCatalogue::notFound);
        takeTurnWithPanelsOf(serviceId);
        if (panels.existsByServiceIdAndRemoteKey(serviceId, request.remoteKey().strip())) {
            throw Problems.invalidField("remoteKey", "is already a panel of this service");
        }
        return PanelResponse.of(panels.save(ReferencePanel.entered(serviceId, request, Instant.now(clock))));
    }

    @Transactional
    PanelResponse change(UUID panelId, PanelRequest request) {
        ReferencePanel panel = require(panelId);
        String key = request.remoteKey().strip();
        takeTurnWithPanelsOf(panel.serviceId());
        if (!panel.remoteKey().equals(key) && panels.existsByServiceIdAndRemoteKey(panel.serviceId(), key)) {
            throw Problems.invalidField("remoteKey", "is already a panel of this service");
        }
        panel.apply(request, Instant.now(clock));
        return PanelResponse.of(panel);
    }

    /**
     * Waits for any other transaction adding or renaming a panel of the service (an admin's, a sync's) to end, so that
     * a key both would use is found taken and answered as such, rather than failing on the unique key.
     */
    private void takeTurnWithPanelsOf(UUID serviceId) {
        AdvisoryLocks.forTransaction(jdbc, "reference-panels:" + serviceId);
    }

    @Transactional
    void remove(UUID panelId) {
        panels.delete(require(panelId));
    }

    @Transactional(readOnly = true)
    PanelResponse read(UUID panelId) {
        return PanelResponse.of(require(panelId));
    }

    @Transactional(readOnly = true)
    public List<PanelResponse> panelsOf(UUID serviceId) {
        return panels.findByServiceIdOrderByRemoteKey(serviceId).stream()
                .map(PanelResponse::of)
                .toList();
    }

    /**
     * Brings the service's panels in line with the complete list its server offers now, in the caller's transaction,
     * and answers what changed. A panel the server no longer lists is kept but marked unavailable; one that returns is
     * offered again.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<PanelChange> reconcile(UUID serviceId, List<RemotePanel> offered) {
        takeTurnWithPanelsOf(serviceId);
        Instant now = Instant.now(clock);
        Map<String, ReferencePanel> known = panels.findByServiceIdOrderByRemoteKey(serviceId).stream()
                .collect(Collectors.toMap(ReferencePanel::remoteKey, Function.identity()));
        Map<String, RemotePanel> found = offered.stream()
                .collect(
                        Collectors.toMap(RemotePanel::remoteKey, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        List<PanelChange> changes = new ArrayList<>();
        found.values().forEach(remote -> {
            ReferencePanel panel = known.get(remote.remoteKey());
            if (panel == null) {
                panels.save(ReferencePanel.found(serviceId, remote, now));
                changes.add(new PanelChange(remote.remoteKey(), PanelChange.Kind.ADDED, List.of()));
            } else {
                List<String> fields = panel.seen(remote, now);
                if (!fields.isEmpty()) {
                    changes.add(new PanelChange(remote.remoteKey(), PanelChange.Kind.UPDATED, fields));
                }
            }
        });
        known.values().stream()
                .filter(panel -> !found.containsKey(panel.remoteKey()))
                .filter(panel -> panel.missing(now))
                .forEach(panel -> changes.add(
                        new PanelChange(panel.remoteKey(), PanelChange.Kind.MISSING, List.of("available"))));
        return changes;
    }

    private ReferencePanel require(UUID panelId) {
        return panels.findById(panelId).orElseThrow(PanelCatalogue::notFound);
    }

    static ErrorResponseException notFound() {
        return Problems.error(HttpStatus.NOT_FOUND, "No such reference panel");
    }
}
