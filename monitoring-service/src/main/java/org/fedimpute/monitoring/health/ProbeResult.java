package org.fedimpute.monitoring.health;

/**
 * What one poll of a platform service found.
 *
 * @param status UP when its readiness answered 200, DOWN otherwise
 * @param version its build version from {@code /actuator/info}, or {@code null} when that did not say
 * @param error why it is DOWN, short and readable; {@code null} when UP
 */
record ProbeResult(HealthStatus status, String version, String error) {}
