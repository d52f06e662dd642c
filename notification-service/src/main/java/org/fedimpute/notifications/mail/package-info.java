/**
 * Mail: a durable outbox written in the event's transaction, rendered from HTML and plain-text templates, sent by a
 * background sender with retries and backoff, held through quiet hours or collected into a daily digest.
 */
package org.fedimpute.notifications.mail;
