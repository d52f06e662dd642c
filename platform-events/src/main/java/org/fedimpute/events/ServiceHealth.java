package org.fedimpute.events;

/** The health of an imputation service as the registry's probes see it. */
public enum ServiceHealth {
    UNKNOWN,
    HEALTHY,
    UNHEALTHY
}
