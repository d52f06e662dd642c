package org.fedimpute.jobs;

import org.fedimpute.test.service.PlatformServiceConformance;

/** job-processor booted on embedded PostgreSQL and Redis, held to the platform's conformance checks. */
class JobProcessorIntegrationTests extends PlatformServiceConformance {

    JobProcessorIntegrationTests() {
        super("jobs", "event_outbox");
    }
}
