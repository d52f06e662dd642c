package org.fedimpute.registry.panels;

/** Whether a panel was entered by an admin or found on its server by a sync. */
public enum PanelOrigin {
    MANUAL,
    SYNCED
}
