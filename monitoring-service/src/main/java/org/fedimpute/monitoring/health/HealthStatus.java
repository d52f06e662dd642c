package org.fedimpute.monitoring.health;

/** How a service is doing, in the one vocabulary the overview uses for platform and external services alike. */
public enum HealthStatus {
    UP,
    DOWN,
    /** Not checked yet, or its checker could not tell. */
    UNKNOWN
}
