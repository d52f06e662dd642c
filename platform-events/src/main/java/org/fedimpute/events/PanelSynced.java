package org.fedimpute.events;

import java.time.Instant;
import java.util.UUID;

/** The registry re-read a service's reference panels and something changed. */
public record PanelSynced(UUID serviceId, String serviceSlug, int added, int updated, int missing, Instant syncedAt)
        implements RegistryEvent {}
