/** Hourly request allowances per caller, shared in Redis across gateway instances, counted locally when it is down. */
package org.fedimpute.gateway.ratelimit;
