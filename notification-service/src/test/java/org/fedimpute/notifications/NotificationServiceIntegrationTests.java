package org.fedimpute.notifications;

import org.fedimpute.test.service.PlatformServiceConformance;

/** notification-service booted on embedded PostgreSQL and Redis, held to the platform's conformance checks. */
class NotificationServiceIntegrationTests extends PlatformServiceConformance {

    NotificationServiceIntegrationTests() {
        super(
                "notifications",
                "processed_event",
                "notification",
                "notification_preference",
                "delivery_schedule",
                "mail_outbox",
                "known_job",
                "forgotten_user");
    }
}
