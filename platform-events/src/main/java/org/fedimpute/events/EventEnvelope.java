package org.fedimpute.events;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * One event as it travels on a stream, in the CloudEvents 1.0 JSON shape (attribute names as the specification
 * spells them), so that CloudEvents tooling can read the platform's streams without this library.
 *
 * @param id unique per event; consumers remember it to ignore redeliveries
 * @param source the producing service, as a URI reference such as {@code /user-service}
 * @param type the event type, such as {@code job.completed}
 * @param specversion always {@value #SPEC_VERSION}
 * @param time when the change happened
 * @param subject what the event is about: a user, service, file or job id
 * @param datacontenttype always {@code application/json}
 * @param data the payload record
 */
public record EventEnvelope<T>(
        String id,
        String source,
        String type,
        String specversion,
        Instant time,
        String subject,
        String datacontenttype,
        T data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";

    public EventEnvelope {
        requireText(id, "id");
        requireText(source, "source");
        requireText(type, "type");
        requireText(specversion, "specversion");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(data, "data");
    }

    /** Wraps a payload in a new envelope with a fresh id, stamped now. */
    public static <T extends PlatformEvent> EventEnvelope<T> wrap(String source, T data) {
        EventType type = EventType.of(data);
        return new EventEnvelope<>(
                UUID.randomUUID().toString(),
                source,
                type.typeName(),
                SPEC_VERSION,
                Instant.now().truncatedTo(ChronoUnit.MICROS),
                data.subject(),
                CONTENT_TYPE,
                data);
    }

    /** The catalogue entry of this envelope's type, or an exception naming the unknown type. */
    public EventType eventType() {
        return EventType.fromTypeName(type);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("CloudEvents attribute '" + name + "' must not be blank");
        }
    }
}
