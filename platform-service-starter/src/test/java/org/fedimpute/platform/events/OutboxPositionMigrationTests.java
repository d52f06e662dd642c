package org.fedimpute.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.fedimpute.test.infra.EmbeddedInfra;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The migration that gives the outbox its insertion order numbers the rows already there by their time, the order
 * the relay took them in before, and new rows after them; the sample schema's copy of it is the services' one.
 */
class OutboxPositionMigrationTests {

    private static final String SCHEMA = "sample";

    @Test
    void rowsWrittenBeforeTheMigrationAreNumberedByTimeAndNewRowsFollowThem() {
        EmbeddedInfra.DatabaseAccess access = EmbeddedInfra.createDatabase("OutboxPositionMigrationTests", SCHEMA);
        DataSource database = new DriverManagerDataSource(access.jdbcUrl(), access.username(), access.password());
        JdbcTemplate jdbc = new JdbcTemplate(database);
        migrate(database, "3");
        UUID late = write(jdbc, "2026-11-23T10:00:02Z");
        UUID early = write(jdbc, "2026-11-23T10:00:00Z");
        UUID middle = write(jdbc, "2026-11-23T10:00:01Z");

        migrate(database, "latest");
        UUID afterwards = write(jdbc, "2026-11-23T09:00:00Z");

        assertThat(jdbc.queryForList("SELECT id FROM sample.event_outbox ORDER BY position", UUID.class))
                .containsExactly(early, middle, late, afterwards);
    }

    private static void migrate(DataSource database, String target) {
        Flyway.configure()
                .dataSource(database)
                .schemas(SCHEMA)
                .defaultSchema(SCHEMA)
                .target(target)
                .load()
                .migrate();
    }

    private static UUID write(JdbcTemplate jdbc, String createdAt) {
        UUID id = UUID.randomUUID();
        jdbc.update(
                "INSERT INTO sample.event_outbox (id, stream, type, subject, envelope, created_at)"
                        + " VALUES (?, 'fedimpute.events.jobs', 'job.progressed', 'job-1', '{}', ?)",
                id,
                Timestamp.from(Instant.parse(createdAt)));
        return id;
    }
}
