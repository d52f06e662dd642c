package org.fedimpute.events;

/**
 * The Redis Streams the platform's events are appended to: one per producing service, so that each stream has a
 * single writer and consumers subscribe to the producers they care about.
 */
public enum EventStream {
    USERS("fedimpute.events.users"),
    REGISTRY("fedimpute.events.registry"),
    FILES("fedimpute.events.files"),
    JOBS("fedimpute.events.jobs");

    private final String key;

    EventStream(String key) {
        this.key = key;
    }

    /** The Redis key of the stream. */
    public String key() {
        return key;
    }
}
