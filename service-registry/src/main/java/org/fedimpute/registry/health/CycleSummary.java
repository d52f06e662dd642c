package org.fedimpute.registry.health;

import java.time.Duration;

/**
 * What one health cycle did.
 *
 * @param services the switched-on services it set out to probe
 * @param unfinished probes still running at the cycle's deadline, abandoned and not recorded
 */
record CycleSummary(int services, int healthy, int unhealthy, int unfinished, Duration took) {}
