/**
 * The platform's events on both sides. Publishing: the transactional outbox, whose events are written with the
 * change they report and relayed to the service's Redis stream, at least once and in the order they were written,
 * by one instance at a time. Consuming: {@link org.fedimpute.platform.events.EventHandler} methods, fed through
 * consumer groups and guarded by the ids of processed events, so that each event has its effect once.
 */
package org.fedimpute.platform.events;
