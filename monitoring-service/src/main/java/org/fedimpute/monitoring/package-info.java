/** monitoring-service: platform and external health, job analytics and the operators' dashboards API. */
package org.fedimpute.monitoring;
