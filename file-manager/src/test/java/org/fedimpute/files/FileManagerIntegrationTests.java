package org.fedimpute.files;

import org.fedimpute.test.service.PlatformServiceConformance;
import org.fedimpute.test.time.MovableClockConfiguration;
import org.springframework.context.annotation.Import;

/** file-manager booted on embedded PostgreSQL and Redis, held to the platform's conformance checks. */
@Import(MovableClockConfiguration.class)
class FileManagerIntegrationTests extends PlatformServiceConformance {

    FileManagerIntegrationTests() {
        super("files", "event_outbox", "stored_file");
    }
}
