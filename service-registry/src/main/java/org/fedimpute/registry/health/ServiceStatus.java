package org.fedimpute.registry.health;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.fedimpute.events.ServiceHealth;

/**
 * What the registry currently knows of a service's health, and the rules by which each check moves it on: a failed
 * check starts (or continues) a spell of bad health, a spell as long as the threshold deactivates the service, and a
 * deactivated service that answers again waits for an admin's approval.
 *
 * @param firstUnhealthyAt the first failed check of the current spell of bad health; null while healthy
 * @param answeringAgainAt when a deactivated service last began answering again; null while it does not answer
 */
record ServiceStatus(
        UUID serviceId,
        ServiceHealth health,
        Instant lastCheckedAt,
        Integer lastResponseMs,
        String lastError,
        Instant firstUnhealthyAt,
        Instant deactivatedAt,
        String deactivationReason,
        Instant answeringAgainAt) {

    static ServiceStatus unknown(UUID serviceId) {
        return new ServiceStatus(serviceId, ServiceHealth.UNKNOWN, null, null, null, null, null, null, null);
    }

    /** The status after the check; deactivates the service once it has been unhealthy for {@code deactivateAfter}. */
    ServiceStatus after(HealthCheck check, Duration deactivateAfter) {
        Instant at = check.checkedAt();
        ProbeResult result = check.result();
        if (result.isHealthy()) {
            Instant answering = deactivatedAt == null ? null : (answeringAgainAt == null ? at : answeringAgainAt);
            return new ServiceStatus(
                    serviceId,
                    ServiceHealth.HEALTHY,
                    at,
                    result.responseMs(),
                    null,
                    null,
                    deactivatedAt,
                    deactivationReason,
                    answering);
        }
        Instant since = firstUnhealthyAt == null ? at : firstUnhealthyAt;
        boolean deactivate = deactivatedAt == null && !at.isBefore(since.plus(deactivateAfter));
        return new ServiceStatus(
                serviceId,
                ServiceHealth.UNHEALTHY,
                at,
                result.responseMs(),
                result.error(),
                since,
                deactivate ? at : deactivatedAt,
                deactivate ? "unhealthy since %s; last error: %s".formatted(since, result.error()) : deactivationReason,
                null);
    }

    /** Offered to researchers again, by an admin's approval. */
    ServiceStatus reactivated() {
        return new ServiceStatus(
                serviceId, health, lastCheckedAt, lastResponseMs, lastError, firstUnhealthyAt, null, null, null);
    }

    boolean deactivated() {
        return deactivatedAt != null;
    }

    /** Deactivated, answering again, and waiting for an admin to bring it back. */
    boolean awaitingApproval() {
        return deactivatedAt != null && answeringAgainAt != null;
    }
}
