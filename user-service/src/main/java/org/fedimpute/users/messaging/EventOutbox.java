package org.fedimpute.users.messaging;

import java.util.UUID;
import org.fedimpute.events.EventEnvelope;
import org.fedimpute.events.EventType;
import org.fedimpute.events.UserEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an event into the outbox table in the transaction of the change it reports, so the event exists if and
 * only if the change was committed; a relay appends outbox rows to the service's Redis stream.
 */
@Component
public class EventOutbox {

    static final String SOURCE = "/user-service";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    EventOutbox(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void publish(UserEvent event) {
        EventEnvelope<UserEvent> envelope = EventEnvelope.wrap(SOURCE, event);
        EventType type = envelope.eventType();
        jdbc.update(
                "INSERT INTO event_outbox (id, stream, type, subject, envelope, created_at) VALUES (?, ?, ?, ?, ?::jsonb, ?)",
                UUID.fromString(envelope.id()),
                type.stream().key(),
                type.typeName(),
                envelope.subject(),
                json.writeValueAsString(envelope),
                java.sql.Timestamp.from(envelope.time()));
    }
}
