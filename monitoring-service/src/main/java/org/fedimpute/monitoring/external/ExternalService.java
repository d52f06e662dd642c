package org.fedimpute.monitoring.external;

import java.util.UUID;
import org.fedimpute.monitoring.health.HealthStatus;

/**
 * An external imputation service as the overview shows it.
 *
 * @param name its display name from the registry, or its slug until the catalogue has been read
 */
public record ExternalService(UUID id, String slug, String name, HealthStatus status) {}
