package org.fedimpute.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.fedimpute.events.EventEnvelope;
import org.fedimpute.events.UserRegistered;
import org.fedimpute.test.infra.EmbeddedInfra;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Processed ids tell a first delivery from a repeated one per consumer, and are forgotten after the retention. */
class ProcessedEventsTests {

    private static final String SCHEMA = "sample";

    private final JdbcTemplate jdbc = database();
    private final ProcessedEvents processed = new ProcessedEvents(jdbc, SCHEMA, Duration.ofDays(14));

    @Test
    void anEventIsNewOncePerConsumer() {
        createTable();
        EventEnvelope<UserRegistered> envelope = registered();

        assertThat(processed.remember("welcome-mail", envelope)).isTrue();
        assertThat(processed.remember("welcome-mail", envelope)).isFalse();
        assertThat(processed.remember("audit", envelope)).isTrue();
    }

    @Test
    void idsOlderThanTheRetentionAreForgotten() {
        createTable();
        EventEnvelope<UserRegistered> recent = registered();
        processed.remember("welcome-mail", recent);
        jdbc.update("INSERT INTO sample.processed_event (event_id, consumer, event_type, processed_at)"
                + " VALUES ('old', 'welcome-mail', 'user.registered', now() - interval '15 days')");

        processed.purgeExpired();

        assertThat(jdbc.queryForList("SELECT event_id FROM sample.processed_event", String.class))
                .containsExactly(recent.id());
    }

    @Test
    void aSchemaWithoutTheTableIsReportedBeforeAnyEventIsTaken() {
        assertThatThrownBy(processed::verifyTable)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sample.processed_event");
    }

    private void createTable() {
        jdbc.execute("CREATE TABLE sample.processed_event (event_id text NOT NULL, consumer text NOT NULL,"
                + " event_type text NOT NULL, processed_at timestamptz NOT NULL DEFAULT now(),"
                + " PRIMARY KEY (consumer, event_id))");
        processed.verifyTable();
    }

    private static EventEnvelope<UserRegistered> registered() {
        return EventEnvelope.wrap("/user-service", new UserRegistered(UUID.randomUUID(), "Ada", Instant.now()));
    }

    private static JdbcTemplate database() {
        EmbeddedInfra.DatabaseAccess access = EmbeddedInfra.createDatabase("ProcessedEventsTests", SCHEMA);
        return new JdbcTemplate(new DriverManagerDataSource(access.jdbcUrl(), access.username(), access.password()));
    }
}
