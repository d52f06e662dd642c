package org.fedimpute.monitoring;

import org.fedimpute.test.service.PlatformServiceConformance;

/** monitoring-service booted on embedded PostgreSQL and Redis, held to the platform's conformance checks. */
class MonitoringServiceIntegrationTests extends PlatformServiceConformance {

    MonitoringServiceIntegrationTests() {
        super(
                "monitoring",
                "processed_event",
                "platform_service",
                "platform_health_change",
                "external_service",
                "job_record");
    }
}
