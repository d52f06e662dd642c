package org.fedimpute.registry.directory;

import org.fedimpute.registry.services.ServiceKind;

/**
 * What a researcher narrows the list of services by; null means any.
 *
 * @param healthyOnly only services whose latest check succeeded
 * @param offeredOnly only services researchers are offered (switched on and not deactivated)
 */
record ServiceFilter(ServiceKind kind, String build, String population, boolean healthyOnly, boolean offeredOnly) {}
