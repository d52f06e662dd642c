package org.fedimpute.events;

import java.util.UUID;

/** Events published by service-registry about imputation services and their reference panels. */
public sealed interface RegistryEvent extends PlatformEvent permits ServiceHealthChanged, PanelSynced {

    UUID serviceId();

    @Override
    default String subject() {
        return serviceId().toString();
    }
}
