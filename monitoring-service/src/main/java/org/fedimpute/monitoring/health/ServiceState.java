package org.fedimpute.monitoring.health;

import java.time.Instant;

/**
 * A platform service as the last poll saw it.
 *
 * @param error why it is down, as the poll saw it; {@code null} when up
 * @param checkedAt the last poll, {@code null} before the first
 * @param changedAt when its status or version last changed
 */
public record ServiceState(
        String name,
        String baseUrl,
        HealthStatus status,
        String version,
        String error,
        Instant checkedAt,
        Instant changedAt) {}
