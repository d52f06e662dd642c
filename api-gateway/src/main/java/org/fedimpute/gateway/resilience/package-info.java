/** How the gateway protects callers from a slow or failing service: one circuit breaker per route. */
package org.fedimpute.gateway.resilience;
