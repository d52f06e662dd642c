package org.fedimpute.users;

import org.fedimpute.test.service.PlatformServiceConformance;

/** user-service booted on embedded PostgreSQL and Redis, held to the platform's conformance checks. */
class UserServiceIntegrationTests extends PlatformServiceConformance {

    UserServiceIntegrationTests() {
        super("users", "event_outbox");
    }
}
