package org.fedimpute.registry;

import org.fedimpute.test.service.PlatformServiceConformance;

/** service-registry booted on embedded PostgreSQL and Redis, held to the platform's conformance checks. */
class ServiceRegistryIntegrationTests extends PlatformServiceConformance {

    ServiceRegistryIntegrationTests() {
        super("registry", "event_outbox");
    }
}
