package org.fedimpute.notifications;

import java.util.Map;
import org.fedimpute.events.EventEnvelope;
import org.fedimpute.events.PlatformEvent;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Appends events to the platform's streams exactly as a producer's outbox relay does. */
public final class EventStreams {

    private final StringRedisTemplate redis;
    private final JsonMapper json;

    public EventStreams(StringRedisTemplate redis, JsonMapper json) {
        this.redis = redis;
        this.json = json;
    }

    /** Wraps the event in a new envelope and appends it. */
    public <T extends PlatformEvent> EventEnvelope<T> publish(T event) {
        EventEnvelope<T> envelope = EventEnvelope.wrap("/test-producer", event);
        append(envelope);
        return envelope;
    }

    /** Appends the envelope (again, for a redelivery) and answers the entry id. */
    public RecordId append(EventEnvelope<?> envelope) {
        return appendRaw(envelope.eventType().stream().key(), envelope.type(), json.writeValueAsString(envelope));
    }

    /** Appends an entry with any type and event text, such as one no consumer can read. */
    public RecordId appendRaw(String stream, String type, String event) {
        return redis.opsForStream()
                .add(StreamRecords.newRecord()
                        .in(stream)
                        .ofMap(Map.of("id", java.util.UUID.randomUUID().toString(), "type", type, "event", event)));
    }
}
