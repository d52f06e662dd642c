/**
 * The read side of the catalogue: services with their health and panels, filtered and paged, as researchers and
 * admins browse them, and the internal lookup by slug other platform services make with a service token.
 */
package org.fedimpute.registry.directory;
