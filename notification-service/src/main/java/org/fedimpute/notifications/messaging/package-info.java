/**
 * The platform's events, consumed from Redis Streams through the starter's {@code @EventHandler}, turned into
 * in-app notifications and queued mails in the event's own transaction.
 */
package org.fedimpute.notifications.messaging;
