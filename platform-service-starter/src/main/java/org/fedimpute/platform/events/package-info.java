/**
 * The platform's events on both sides. Publishing: the transactional outbox, whose events are written with the
 * change they report and relayed to the service's Redis stream, at least once, by whichever instance gets to them
 * first. Consuming: {@link org.fedimpute.platform.events.EventHandler} methods, fed through consumer groups and
 * guarded by the ids of processed events, so that each event has its effect once.
 */
package org.fedimpute.platform.events;
