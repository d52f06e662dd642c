/**
 * The transactional outbox every publishing service uses: events are written with the change they report and
 * relayed to the service's Redis stream, at least once, by whichever instance gets to them first.
 */
package org.fedimpute.platform.events;
