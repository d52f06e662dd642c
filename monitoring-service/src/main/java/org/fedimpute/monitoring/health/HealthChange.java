package org.fedimpute.monitoring.health;

import java.time.Instant;

/** One change of a platform service's status or version, as the history lists it. */
public record HealthChange(
        String service,
        HealthStatus status,
        HealthStatus previousStatus,
        String version,
        String previousVersion,
        String error,
        Instant changedAt) {}
