package org.fedimpute.registry.panels;

import java.util.List;

/**
 * One line of a sync report: a panel that appeared, changed or vanished on its server, and which fields changed.
 */
public record PanelChange(String remoteKey, Kind kind, List<String> fields) {

    public PanelChange {
        fields = List.copyOf(fields);
    }

    /** What happened to the panel. */
    public enum Kind {
        ADDED,
        UPDATED,
        MISSING
    }
}
