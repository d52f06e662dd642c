package org.fedimpute.files;

import org.fedimpute.test.service.PlatformServiceConformance;

/** file-manager booted on embedded PostgreSQL and Redis, held to the platform's conformance checks. */
class FileManagerIntegrationTests extends PlatformServiceConformance {

    FileManagerIntegrationTests() {
        super("files", "event_outbox");
    }
}
