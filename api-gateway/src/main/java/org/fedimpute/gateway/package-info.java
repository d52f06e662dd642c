/** api-gateway: routing of the public API to the services, request ids, and the gateway's own error answers. */
package org.fedimpute.gateway;
