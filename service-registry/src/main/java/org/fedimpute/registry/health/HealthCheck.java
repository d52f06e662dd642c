package org.fedimpute.registry.health;

import java.time.Instant;
import java.util.UUID;
import org.fedimpute.registry.services.ServiceEndpoint;

/** One probe of one service at one moment: a row of the history once recorded. */
record HealthCheck(ServiceEndpoint service, Instant checkedAt, ProbeResult result) {

    UUID serviceId() {
        return service.id();
    }
}
