/**
 * Live health of the imputation services: scheduled concurrent probes of every switched-on service, the history
 * behind uptime and response times, health-change events, and the deactivation of services that stay unhealthy.
 */
package org.fedimpute.registry.health;
