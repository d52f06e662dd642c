package org.fedimpute.registry.health;

import org.fedimpute.events.ServiceHealth;

/**
 * What one probe saw of a service.
 *
 * @param health {@code HEALTHY} or {@code UNHEALTHY}, never {@code UNKNOWN}
 * @param httpStatus the status the server answered with; null when it did not answer
 * @param responseMs how long the probe took
 * @param error why the service is unhealthy, short and readable; null when healthy
 */
record ProbeResult(ServiceHealth health, Integer httpStatus, int responseMs, String error) {

    /** The longest error kept: enough to say what went wrong, never a whole answer. */
    static final int MAX_ERROR_LENGTH = 300;

    static ProbeResult healthy(int httpStatus, int responseMs) {
        return new ProbeResult(ServiceHealth.HEALTHY, httpStatus, responseMs, null);
    }

    static ProbeResult unhealthy(Integer httpStatus, int responseMs, String error) {
        String shortened = error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH - 1) + "…";
        return new ProbeResult(ServiceHealth.UNHEALTHY, httpStatus, responseMs, shortened);
    }

    boolean isHealthy() {
        return health == ServiceHealth.HEALTHY;
    }
}
