package org.fedimpute.registry.health;

import java.time.Instant;
import java.util.UUID;
import org.fedimpute.events.ServiceHealth;
import org.fedimpute.registry.services.ServiceEndpoint;

/**
 * A service's health as researchers and admins read it: the latest check, the current spell of bad health, the
 * deactivation if any, and how fast and how reliably the service has answered lately.
 *
 * @param firstUnhealthyAt the first failed check of the current spell of bad health; null while healthy
 * @param awaitingApproval deactivated, answering again, and waiting for an admin to bring it back
 * @param responseTimes percentiles of the successful checks' response times over the last 24 hours
 * @param uptime the share of successful checks, in percent
 */
record HealthReport(
        UUID serviceId,
        String slug,
        ServiceHealth health,
        Instant lastCheckedAt,
        Integer lastResponseMs,
        String lastError,
        Instant firstUnhealthyAt,
        Instant deactivatedAt,
        String deactivationReason,
        boolean awaitingApproval,
        ResponseTimes responseTimes,
        Uptime uptime) {

    static HealthReport of(ServiceEndpoint service, ServiceStatus status, Statistics statistics) {
        return new HealthReport(
                service.id(),
                service.slug(),
                status.health(),
                status.lastCheckedAt(),
                status.lastResponseMs(),
                status.lastError(),
                status.firstUnhealthyAt(),
                status.deactivatedAt(),
                status.deactivationReason(),
                status.awaitingApproval(),
                statistics.responseTimes(),
                statistics.uptime());
    }

    /** Response-time percentiles in milliseconds; null when there was no successful check in the window. */
    record ResponseTimes(Double p50, Double p95, Double p99) {}

    /** Percent of checks that succeeded over each window; null when there was no check in it. */
    record Uptime(Double last24h, Double last7d, Double last30d) {}

    /** What the history says of the service. */
    record Statistics(ResponseTimes responseTimes, Uptime uptime) {}
}
