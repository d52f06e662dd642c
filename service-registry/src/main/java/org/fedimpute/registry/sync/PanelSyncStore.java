package org.fedimpute.registry.sync;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.fedimpute.platform.jdbc.AdvisoryLocks;
import org.fedimpute.platform.web.PageResponse;
import org.fedimpute.registry.panels.PanelChange;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sync reports ({@code panel_sync}), and the PostgreSQL advisory locks that keep syncs from overlapping: one
 * scheduled round across all instances at a time, and one write per service at a time.
 */
@Repository
class PanelSyncStore {

    /** The session lock a scheduled round holds (the two-key lock space of {@link #writeLock} does not overlap it). */
    static final long ROUND_LOCK = 0x5245_4749_5359_4e43L;

    private static final int SERVICE_LOCK_CLASS = 0x5359_4e43;
    private static final TypeReference<List<PanelChange>> CHANGES = new TypeReference<>() {};

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    PanelSyncStore(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void record(PanelSyncReport report) {
        jdbc.update(
                """
                INSERT INTO panel_sync (id, service_id, trigger, started_at, finished_at, added, updated, missing,
                                        changes, error)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)
                """,
                report.id(),
                report.serviceId(),
                report.trigger().name(),
                Timestamp.from(report.startedAt()),
                Timestamp.from(report.finishedAt()),
                report.added(),
                report.updated(),
                report.missing(),
                json.writeValueAsString(report.changes()),
                report.error());
    }

    /** A service's reports, newest first. */
    PageResponse<PanelSyncReport> history(UUID serviceId, int page, int size) {
        long total = jdbc.queryForObject("SELECT count(*) FROM panel_sync WHERE service_id = ?", Long.class, serviceId);
        List<PanelSyncReport> items = jdbc.query("""
                SELECT id, service_id, trigger, started_at, finished_at, added, updated, missing, changes::text, error
                  FROM panel_sync
                 WHERE service_id = ?
                 ORDER BY started_at DESC, finished_at DESC
                 LIMIT ? OFFSET ?
                """, this::report, serviceId, size, (long) page * size);
        return new PageResponse<>(items, page, size, total, (int) ((total + size - 1) / size));
    }

    /** When each service's latest sync started, whatever its outcome. */
    Map<UUID, Instant> lastStartedByService() {
        Map<UUID, Instant> last = new HashMap<>();
        jdbc.query("SELECT service_id, max(started_at) AS started_at FROM panel_sync GROUP BY service_id", row -> {
            last.put(
                    row.getObject("service_id", UUID.class),
                    row.getTimestamp("started_at").toInstant());
        });
        return last;
    }

    /** Waits until no other transaction writes a sync of the service, then holds it off until this one ends. */
    @Transactional(propagation = Propagation.MANDATORY)
    void writeLock(UUID serviceId) {
        jdbc.query("SELECT pg_advisory_xact_lock(?, hashtext(?))", row -> {}, SERVICE_LOCK_CLASS, serviceId.toString());
    }

    /**
     * Runs the round unless another instance (or thread) is running one, holding a session lock on one connection
     * meanwhile; empty when the round was left to the other.
     */
    <T> Optional<T> exclusively(Supplier<T> round) {
        return AdvisoryLocks.exclusively(jdbc, ROUND_LOCK, round);
    }

    private PanelSyncReport report(ResultSet row, int number) throws SQLException {
        return new PanelSyncReport(
                row.getObject("id", UUID.class),
                row.getObject("service_id", UUID.class),
                SyncTrigger.valueOf(row.getString("trigger")),
                row.getTimestamp("started_at").toInstant(),
                row.getTimestamp("finished_at").toInstant(),
                row.getInt("added"),
                row.getInt("updated"),
                row.getInt("missing"),
                json.readValue(row.getString("changes"), CHANGES),
                row.getString("error"));
    }
}
