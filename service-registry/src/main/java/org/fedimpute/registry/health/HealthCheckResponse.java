package org.fedimpute.registry.health;

import java.time.Instant;
import org.fedimpute.events.ServiceHealth;

/**
 * One check of a service as the history shows it.
 *
 * @param httpStatus the status the server answered with; null when it did not answer
 * @param error why the check failed; null when it succeeded
 */
record HealthCheckResponse(
        Instant checkedAt, ServiceHealth health, Integer responseMs, Integer httpStatus, String error) {

    static HealthCheckResponse of(HealthCheck check) {
        ProbeResult result = check.result();
        return new HealthCheckResponse(
                check.checkedAt(), result.health(), result.responseMs(), result.httpStatus(), result.error());
    }
}
