package org.fedimpute.registry.health;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.fedimpute.events.ServiceHealth;
import org.fedimpute.platform.jdbc.AdvisoryLocks;
import org.fedimpute.platform.web.PageResponse;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The health tables in SQL: each service's status row, the history of checks written in batches (a cycle writes one
 * row per service), the statistics over the history, and the advisory lock that lets one registry instance at a time
 * run a cycle.
 */
@Repository
class HealthRepository {

    /** The advisory lock key of the health cycle ("health" in ASCII), within the registry's database. */
    static final long CYCLE_LOCK = 0x6865616c7468L;

    private static final int BATCH_SIZE = 500;

    private final NamedParameterJdbcTemplate named;
    private final JdbcTemplate jdbc;

    HealthRepository(NamedParameterJdbcTemplate named) {
        this.named = named;
        this.jdbc = named.getJdbcTemplate();
    }

    /**
     * Runs the work while holding the cycle lock on a connection of its own, or does nothing and answers empty when
     * another cycle (of this or another instance) holds it. The lock dies with the session if the instance does.
     */
    <T> Optional<T> exclusively(Supplier<T> work) {
        return AdvisoryLocks.exclusively(jdbc, CYCLE_LOCK, work);
    }

    /**
     * The status rows of the services, created as UNKNOWN where missing and locked until the transaction ends, so
     * that a cycle and an admin's check of the same service take turns. Services deleted meanwhile are left out, and
     * those found are kept from deletion until the transaction ends.
     */
    Map<UUID, ServiceStatus> lockStatuses(Collection<UUID> serviceIds) {
        String[] ids = serviceIds.stream().map(UUID::toString).toArray(String[]::new);
        jdbc.update("""
                INSERT INTO service_status (service_id)
                SELECT id FROM imputation_service WHERE id = ANY (CAST(? AS uuid[]))
                ON CONFLICT (service_id) DO NOTHING
                """, (Object) ids);
        return jdbc.query("""
                        SELECT st.* FROM service_status st JOIN imputation_service s ON s.id = st.service_id
                         WHERE st.service_id = ANY (CAST(? AS uuid[]))
                           FOR UPDATE OF st FOR KEY SHARE OF s
                        """, STATUS, (Object) ids).stream()
                .collect(Collectors.toMap(ServiceStatus::serviceId, Function.identity()));
    }

    Optional<ServiceStatus> status(UUID serviceId) {
        return jdbc.query("SELECT * FROM service_status WHERE service_id = ?", STATUS, serviceId).stream()
                .findFirst();
    }

    void saveStatuses(List<ServiceStatus> statuses) {
        jdbc.batchUpdate("""
                UPDATE service_status
                   SET health = ?, last_checked_at = ?, last_response_ms = ?, last_error = ?, first_unhealthy_at = ?,
                       deactivated_at = ?, deactivation_reason = ?, answering_again_at = ?
                 WHERE service_id = ?
                """, statuses, BATCH_SIZE, (statement, status) -> {
            statement.setString(1, status.health().name());
            statement.setTimestamp(2, timestamp(status.lastCheckedAt()));
            statement.setObject(3, status.lastResponseMs(), Types.INTEGER);
            statement.setString(4, status.lastError());
            statement.setTimestamp(5, timestamp(status.firstUnhealthyAt()));
            statement.setTimestamp(6, timestamp(status.deactivatedAt()));
            statement.setString(7, status.deactivationReason());
            statement.setTimestamp(8, timestamp(status.answeringAgainAt()));
            statement.setObject(9, status.serviceId());
        });
    }

    void insertChecks(List<HealthCheck> checks) {
        jdbc.batchUpdate("""
                INSERT INTO health_check (service_id, checked_at, health, response_ms, http_status, error)
                VALUES (?, ?, ?, ?, ?, ?)
                """, checks, BATCH_SIZE, (statement, check) -> {
            ProbeResult result = check.result();
            statement.setObject(1, check.serviceId());
            statement.setTimestamp(2, timestamp(check.checkedAt()));
            statement.setString(3, result.health().name());
            statement.setInt(4, result.responseMs());
            statement.setObject(5, result.httpStatus(), Types.INTEGER);
            statement.setString(6, result.error());
        });
    }

    /**
     * Response-time percentiles of the successful checks over the last 24 hours (to 0.1 ms), and the share of
     * successful checks over the last 24 hours, 7 days and 30 days (in percent, to 0.01); each null when there is
     * nothing to compute it from.
     */
    HealthReport.Statistics statistics(UUID serviceId, Instant now) {
        MapSqlParameterSource parameters = new MapSqlParameterSource()
                .addValue("id", serviceId)
                .addValue("now", timestamp(now))
                .addValue("day", timestamp(now.minus(Duration.ofDays(1))))
                .addValue("week", timestamp(now.minus(Duration.ofDays(7))))
                .addValue("month", timestamp(now.minus(Duration.ofDays(30))));
        return named.queryForObject(
                """
                SELECT CAST(round(CAST(percentile_cont(0.50) WITHIN GROUP (ORDER BY response_ms)
                           FILTER (WHERE health = 'HEALTHY' AND checked_at > :day) AS numeric), 1) AS float8) AS p50,
                       CAST(round(CAST(percentile_cont(0.95) WITHIN GROUP (ORDER BY response_ms)
                           FILTER (WHERE health = 'HEALTHY' AND checked_at > :day) AS numeric), 1) AS float8) AS p95,
                       CAST(round(CAST(percentile_cont(0.99) WITHIN GROUP (ORDER BY response_ms)
                           FILTER (WHERE health = 'HEALTHY' AND checked_at > :day) AS numeric), 1) AS float8) AS p99,
                       CAST(round(100.0 * count(*) FILTER (WHERE health = 'HEALTHY' AND checked_at > :day)
                                  / nullif(count(*) FILTER (WHERE checked_at > :day), 0), 2) AS float8) AS uptime_day,
                       CAST(round(100.0 * count(*) FILTER (WHERE health = 'HEALTHY' AND checked_at > :week)
                                  / nullif(count(*) FILTER (WHERE checked_at > :week), 0), 2) AS float8) AS uptime_week,
                       CAST(round(100.0 * count(*) FILTER (WHERE health = 'HEALTHY')
                                  / nullif(count(*), 0), 2) AS float8) AS uptime_month
                  FROM health_check
                 WHERE service_id = :id AND checked_at > :month AND checked_at <= :now
                """,
                parameters,
                (rs, row) -> new HealthReport.Statistics(
                        new HealthReport.ResponseTimes(
                                rs.getObject("p50", Double.class),
                                rs.getObject("p95", Double.class),
                                rs.getObject("p99", Double.class)),
                        new HealthReport.Uptime(
                                rs.getObject("uptime_day", Double.class),
                                rs.getObject("uptime_week", Double.class),
                                rs.getObject("uptime_month", Double.class))));
    }

    /** The service's checks, newest first. */
    PageResponse<HealthCheckResponse> history(UUID serviceId, int page, int size) {
        long total =
                jdbc.queryForObject("SELECT count(*) FROM health_check WHERE service_id = ?", Long.class, serviceId);
        List<HealthCheckResponse> items = jdbc.query(
                """
                SELECT checked_at, health, response_ms, http_status, error FROM health_check
                 WHERE service_id = ? ORDER BY checked_at DESC, id DESC LIMIT ? OFFSET ?
                """,
                (rs, row) -> new HealthCheckResponse(
                        instant(rs, "checked_at"),
                        ServiceHealth.valueOf(rs.getString("health")),
                        rs.getObject("response_ms", Integer.class),
                        rs.getObject("http_status", Integer.class),
                        rs.getString("error")),
                serviceId,
                size,
                (long) page * size);
        return new PageResponse<>(items, page, size, total, (int) ((total + size - 1) / size));
    }

    int deleteChecksBefore(Instant cutoff) {
        return jdbc.update("DELETE FROM health_check WHERE checked_at < ?", timestamp(cutoff));
    }

    /** How many switched-on services have this health now (those never checked are UNKNOWN). */
    long activeServicesWith(ServiceHealth health) {
        return jdbc.queryForObject("""
                SELECT count(*) FROM imputation_service s LEFT JOIN service_status st ON st.service_id = s.id
                 WHERE s.active AND coalesce(st.health, 'UNKNOWN') = ?
                """, Long.class, health.name());
    }

    private static final RowMapper<ServiceStatus> STATUS = (rs, row) -> new ServiceStatus(
            rs.getObject("service_id", UUID.class),
            ServiceHealth.valueOf(rs.getString("health")),
            instant(rs, "last_checked_at"),
            rs.getObject("last_response_ms", Integer.class),
            rs.getString("last_error"),
            instant(rs, "first_unhealthy_at"),
            instant(rs, "deactivated_at"),
            rs.getString("deactivation_reason"),
            instant(rs, "answering_again_at"));

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
