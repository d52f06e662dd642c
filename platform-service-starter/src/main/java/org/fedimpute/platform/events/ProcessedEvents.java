package org.fedimpute.platform.events;

import java.time.Duration;
import org.fedimpute.events.EventEnvelope;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The ids of the events each consumer has handled, kept in the service's own schema and written in the handler's
 * transaction, so that an event delivered again is recognised and has no second effect.
 */
final class ProcessedEvents {

    private final JdbcTemplate jdbc;
    private final String table;
    private final Duration retention;

    ProcessedEvents(JdbcTemplate jdbc, String schema, Duration retention) {
        this.jdbc = jdbc;
        this.table = ServiceSchema.table(schema, "processed_event");
        this.retention = retention;
    }

    /**
     * Records that the consumer handles this event; {@code false} if it already has. Inside the handler's
     * transaction, a concurrent delivery of the same event waits here until the first one commits or rolls back.
     */
    boolean remember(String consumer, EventEnvelope<?> envelope) {
        return jdbc.update(
                        "INSERT INTO " + table
                                + " (event_id, consumer, event_type) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                        envelope.id(),
                        consumer,
                        envelope.type())
                == 1;
    }

    /** Fails with a clear message when the service's migrations lack the table, before any event is taken. */
    void verifyTable() {
        try {
            jdbc.queryForList("SELECT event_id, consumer, event_type, processed_at FROM " + table + " LIMIT 0");
        } catch (BadSqlGrammarException e) {
            throw new IllegalStateException(
                    "Event consumers need the table " + table + " (event_id, consumer, event_type, processed_at)"
                            + " in the service's migrations",
                    e);
        }
    }

    /** Forgets events processed longer ago than the retention, by the database's clock that stamped them. */
    void purgeExpired() {
        jdbc.update("DELETE FROM " + table + " WHERE processed_at < now() - make_interval(secs => ?)", (double)
                retention.toSeconds());
    }
}
