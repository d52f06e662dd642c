/**
 * Live notifications: a Server-Sent Events stream per connection, resumable by {@code Last-Event-ID}, fed by new
 * notifications announced to every instance over Redis pub/sub.
 */
package org.fedimpute.notifications.live;
