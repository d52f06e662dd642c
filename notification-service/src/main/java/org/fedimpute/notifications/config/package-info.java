/** Cross-cutting setup: the service's typed configuration and its clock. */
package org.fedimpute.notifications.config;
