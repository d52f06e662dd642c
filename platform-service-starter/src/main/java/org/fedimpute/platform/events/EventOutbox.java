package org.fedimpute.platform.events;

import java.sql.Timestamp;
import java.util.UUID;
import org.fedimpute.events.EventEnvelope;
import org.fedimpute.events.EventType;
import org.fedimpute.events.PlatformEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an event into the outbox in the transaction of the change it reports, so the event exists if and only
 * if the change was committed; {@link OutboxRelay} appends it to the stream afterwards.
 */
public class EventOutbox {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final String source;
    private final String table;

    EventOutbox(JdbcTemplate jdbc, JsonMapper json, String source, String schema) {
        this.jdbc = jdbc;
        this.json = json;
        this.source = source;
        this.table = OutboxRelay.outboxTable(schema);
    }

    /** Stores the event for publication; must run inside the transaction of the change. */
    @Transactional(propagation = Propagation.MANDATORY)
    public EventEnvelope<PlatformEvent> publish(PlatformEvent event) {
        EventEnvelope<PlatformEvent> envelope = EventEnvelope.wrap(source, event);
        EventType type = envelope.eventType();
        jdbc.update(
                "INSERT INTO " + table
                        + " (id, stream, type, subject, envelope, created_at) VALUES (?, ?, ?, ?, ?::jsonb, ?)",
                UUID.fromString(envelope.id()),
                type.stream().key(),
                type.typeName(),
                envelope.subject(),
                json.writeValueAsString(envelope),
                Timestamp.from(envelope.time()));
        return envelope;
    }
}
