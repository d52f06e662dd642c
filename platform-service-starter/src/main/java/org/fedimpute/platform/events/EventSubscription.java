package org.fedimpute.platform.events;

import java.util.Map;
import org.fedimpute.events.EventStream;

/**
 * What one consumer reads from one stream: a consumer's handlers may span several streams, and each stream is read
 * through its own consumer group, so this is the unit that gets a reading loop.
 *
 * @param consumer the consumer's name, as in {@link EventHandler#consumer()}
 * @param stream the stream its handled types are appended to
 * @param handlers the handler of each type it handles, by CloudEvents type name
 */
record EventSubscription(String consumer, EventStream stream, Map<String, EventHandlerMethod> handlers) {

    EventSubscription {
        handlers = Map.copyOf(handlers);
    }

    /** The handler for a type name, or {@code null} if this consumer ignores that type. */
    EventHandlerMethod handler(String typeName) {
        return handlers.get(typeName);
    }
}
