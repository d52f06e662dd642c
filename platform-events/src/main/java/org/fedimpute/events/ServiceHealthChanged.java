package org.fedimpute.events;

import java.time.Instant;
import java.util.UUID;

/** An imputation service's health changed (published on change only, not on every check). */
public record ServiceHealthChanged(
        UUID serviceId,
        String serviceSlug,
        ServiceHealth previous,
        ServiceHealth current,
        String error,
        Instant checkedAt)
        implements RegistryEvent {}
