/** What happens to every request on its way through: its request id and the removal of spoofable headers. */
package org.fedimpute.gateway.routing;
