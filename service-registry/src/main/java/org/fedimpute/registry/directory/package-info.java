/**
 * The read side of the catalogue: services with their health and panels, filtered and paged, as researchers and
 * admins browse them.
 */
package org.fedimpute.registry.directory;
