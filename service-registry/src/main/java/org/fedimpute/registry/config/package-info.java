/** Cross-cutting setup of service-registry: time, secrets and the HTTP clients for external servers. */
package org.fedimpute.registry.config;
