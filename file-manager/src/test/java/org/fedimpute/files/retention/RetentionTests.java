package org.fedimpute.files.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.fedimpute.files.FileApiTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Retention warns owners once ahead of expiry, then deletes expired files from storage and database, not before. */
class RetentionTests extends FileApiTestSupport {

    @Autowired
    private RetentionSweep retention;

    @Autowired
    private DataSource dataSource;

    private final UUID owner = UUID.randomUUID();
    private final String token = researcher(owner);

    @Test
    void filesAreWarnedOfOnceThenDeletedFromStorageAndDatabaseWhenTheyExpireAndNotBefore() throws Exception {
        JsonNode input = uploaded(token, "a.vcf", new byte[100]);
        JsonNode temp = uploaded(token, "scratch.vcf", new byte[100], "kind", "TEMP");
        JsonNode output = result(owner, UUID.randomUUID(), "chr1.dose.vcf.gz", new byte[100]);
        List<String> kept = List.of(id(input), id(output));

        retention.sweep();
        assertThat(expiringEvents(kept)).isEmpty();
        assertThat(exists(temp)).isTrue();

        clock.advance(Duration.ofDays(26));
        retention.sweep();
        assertThat(expiringEvents(kept)).isEmpty();
        assertThat(exists(temp)).as("temporary files live a day").isFalse();

        clock.advance(Duration.ofDays(1).plusHours(1));
        retention.sweep();
        retention.sweep();
        assertThat(expiringEvents(kept)).hasSize(2);
        assertThat(jdbc.queryForList(
                        "SELECT envelope->'data'->>'expiresAt' FROM files.event_outbox WHERE type = 'file.expiry-warned'"
                                + " AND subject = ?",
                        String.class,
                        id(input)))
                .containsExactly(input.get("expiresAt").asString());

        clock.advance(Duration.ofDays(2).plusHours(22));
        retention.sweep();
        assertThat(exists(input)).as("not expired yet").isTrue();
        assertThat(exists(output)).isTrue();

        clock.advance(Duration.ofHours(2));
        retention.sweep();
        assertThat(exists(input)).isFalse();
        assertThat(exists(output)).isFalse();
        assertThat(recordsOf(owner)).isZero();
    }

    @Test
    void contentStorageCannotDeleteStaysMarkedUntilItCan() throws Exception {
        JsonNode file = uploaded(token, "a.vcf", new byte[100]);
        Path content = storedPath(key(file));
        Files.delete(content);
        Files.createDirectory(content);
        Files.writeString(content.resolve("blocker"), "storage refuses to delete a non-empty directory");

        clock.advance(Duration.ofDays(31));
        retention.sweep();

        assertThat(status(file)).isEqualTo("DELETING");
        assertProblem(get("/api/v1/files/" + id(file), token), 404);

        Files.delete(content.resolve("blocker"));
        retention.sweep();
        assertThat(recordsOf(owner)).isZero();
        assertThat(content).doesNotExist();
    }

    @Test
    void anUploadThatNeverCompletedIsClearedAwayAfterADay() {
        UUID abandoned = UUID.randomUUID();
        jdbc.update(
                "INSERT INTO files.stored_file (id, owner_id, kind, file_name, storage_key, content_type, status,"
                        + " validation_status, created_at, expires_at) VALUES (?, ?, 'INPUT', 'a.vcf', ?, 'text/plain',"
                        + " 'UPLOADING', 'PENDING', ?, ?)",
                abandoned,
                owner,
                UUID.randomUUID().toString(),
                Timestamp.from(Instant.now()),
                Timestamp.from(Instant.now().plus(Duration.ofDays(30))));

        clock.advance(Duration.ofHours(23));
        retention.sweepOnSchedule();
        assertThat(recordsOf(owner)).isEqualTo(1);

        clock.advance(Duration.ofHours(2));
        retention.sweepOnSchedule();
        assertThat(recordsOf(owner)).isZero();
    }

    @Test
    void anUploadStillStreamingIsKeptHoweverLongAgoItStartedAndOneThatStoppedIsClearedAway() {
        Instant now = Instant.now();
        UUID streaming = uploading(now.minus(Duration.ofDays(3)), now.minus(Duration.ofMinutes(1)));
        uploading(now.minus(Duration.ofDays(3)), now.minus(Duration.ofHours(25)));

        retention.sweepOnSchedule();

        assertThat(jdbc.queryForList(
                        "SELECT id FROM files.stored_file WHERE owner_id = ? AND status = 'UPLOADING'",
                        UUID.class,
                        owner))
                .containsExactly(streaming);
        assertThat(recordsOf(owner)).as("the stopped upload is deleted").isEqualTo(1);
    }

    @Test
    void oneInstanceSweepsAtATime() throws Exception {
        uploaded(token, "a.vcf", new byte[100]);
        clock.advance(Duration.ofDays(31));
        try (Connection other = dataSource.getConnection();
                PreparedStatement lock = other.prepareStatement("SELECT pg_advisory_lock(?)")) {
            lock.setLong(1, RetentionSweep.SWEEP_LOCK);
            lock.execute();

            assertThat(retention.sweep()).isEqualTo(RetentionSweep.Sweep.SKIPPED);
            assertThat(recordsOf(owner)).isEqualTo(1);

            try (PreparedStatement unlock = other.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                unlock.setLong(1, RetentionSweep.SWEEP_LOCK);
                unlock.execute();
            }
        }
        assertThat(retention.sweep().deleted()).isGreaterThanOrEqualTo(1);
        assertThat(recordsOf(owner)).isZero();
    }

    /** A record of an upload started at {@code createdAt} whose content last streamed in at {@code progressAt}. */
    private UUID uploading(Instant createdAt, Instant progressAt) {
        UUID id = UUID.randomUUID();
        jdbc.update(
                "INSERT INTO files.stored_file (id, owner_id, kind, file_name, storage_key, content_type, status,"
                        + " validation_status, created_at, progress_at, expires_at) VALUES (?, ?, 'RESULT',"
                        + " 'chr1.dose.vcf.gz', ?, 'application/gzip', 'UPLOADING', 'NOT_APPLICABLE', ?, ?, ?)",
                id,
                owner,
                UUID.randomUUID().toString(),
                Timestamp.from(createdAt),
                Timestamp.from(progressAt),
                Timestamp.from(createdAt.plus(Duration.ofDays(30))));
        return id;
    }

    private List<String> expiringEvents(List<String> ids) {
        return jdbc.queryForList(
                "SELECT subject FROM files.event_outbox WHERE type = 'file.expiry-warned' AND subject = ANY (?::text[])",
                String.class,
                (Object) ids.toArray(String[]::new));
    }

    private boolean exists(JsonNode file) throws Exception {
        Integer rows = jdbc.queryForObject(
                "SELECT count(*) FROM files.stored_file WHERE id = ?::uuid", Integer.class, id(file));
        return rows == 1 && storage.exists(key(file));
    }

    private String key(JsonNode file) {
        return jdbc
                .queryForList("SELECT storage_key FROM files.stored_file WHERE id = ?::uuid", String.class, id(file))
                .stream()
                .findFirst()
                .orElse("00000000-0000-0000-0000-000000000000");
    }

    private String status(JsonNode file) {
        return jdbc.queryForObject("SELECT status FROM files.stored_file WHERE id = ?::uuid", String.class, id(file));
    }

    private static String id(JsonNode file) {
        return file.get("id").asString();
    }
}
