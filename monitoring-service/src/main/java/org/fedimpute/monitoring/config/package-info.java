/** Cross-cutting setup: the service's typed configuration, its clock, and the clients for the services it asks. */
package org.fedimpute.monitoring.config;
