package org.fedimpute.registry.sync;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.fedimpute.registry.panels.PanelChange;

/**
 * What one sync of a service's panels found: the panels added, updated and gone missing, or why the server could not
 * be read (then nothing changed).
 */
record PanelSyncReport(
        UUID id,
        UUID serviceId,
        SyncTrigger trigger,
        Instant startedAt,
        Instant finishedAt,
        int added,
        int updated,
        int missing,
        List<PanelChange> changes,
        String error) {

    PanelSyncReport {
        changes = List.copyOf(changes);
    }

    static PanelSyncReport of(
            UUID serviceId,
            SyncTrigger trigger,
            Instant startedAt,
            Instant finishedAt,
            List<PanelChange> changes,
            String error) {
        return new PanelSyncReport(
                UUID.randomUUID(),
                serviceId,
                trigger,
                startedAt,
                finishedAt,
                count(changes, PanelChange.Kind.ADDED),
                count(changes, PanelChange.Kind.UPDATED),
                count(changes, PanelChange.Kind.MISSING),
                changes,
                error);
    }

    private static int count(List<PanelChange> changes, PanelChange.Kind kind) {
        return (int) changes.stream().filter(change -> change.kind() == kind).count();
    }
}
