/**
 * The external imputation services' health for the overview: names and slugs from the registry's catalogue, health
 * from its {@code service.health-changed} events.
 */
package org.fedimpute.monitoring.external;
