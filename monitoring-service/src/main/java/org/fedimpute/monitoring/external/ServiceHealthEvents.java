package org.fedimpute.monitoring.external;

import org.fedimpute.events.ServiceHealthChanged;
import org.fedimpute.platform.events.EventHandler;
import org.springframework.stereotype.Component;

/** Takes each imputation service's health from the registry's {@code service.health-changed} events. */
@Component
class ServiceHealthEvents {

    private final ExternalServices services;

    ServiceHealthEvents(ExternalServices services) {
        this.services = services;
    }

    @EventHandler(consumer = "external-health")
    void on(ServiceHealthChanged event) {
        services.report(event.serviceId(), event.serviceSlug(), null, event.current(), event.checkedAt());
    }
}
