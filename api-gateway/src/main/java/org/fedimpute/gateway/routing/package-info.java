/**
 * What happens to every request on its way through: its request id, the headers a service receives with it, and the
 * name under which each forwarded call is observed.
 */
package org.fedimpute.gateway.routing;
