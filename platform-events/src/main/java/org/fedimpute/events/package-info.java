/**
 * The platform's event contracts: the CloudEvents envelope, the Redis stream each producer appends to, and one
 * past-tense record per event type. Plain Java so that any service, or a partner's tool, can read the events.
 */
package org.fedimpute.events;
