package org.fedimpute.monitoring.health;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.fedimpute.monitoring.config.MonitoringProperties;
import org.fedimpute.monitoring.config.MonitoringProperties.PolledService;
import org.fedimpute.platform.web.PageResponse;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The platform's services as the polls saw them: the current state of each configured service, and a history row
 * for every change of status or version, so that operators see when a service went down and what it ran.
 */
@Service
public class PlatformHealth {

    private final JdbcClient jdbc;
    private final MonitoringProperties properties;
    private final Clock clock;

    PlatformHealth(JdbcClient jdbc, MonitoringProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** Makes the table hold exactly the configured services; a new one starts UNKNOWN. */
    @Transactional
    public void register() {
        List<String> names =
                properties.services().stream().map(PolledService::name).toList();
        for (PolledService service : properties.services()) {
            jdbc.sql("""
                    INSERT INTO platform_service (name, base_url, status) VALUES (?, ?, 'UNKNOWN')
                    ON CONFLICT (name) DO UPDATE SET base_url = excluded.base_url""").params(service.name(), service.baseUrl().toString()).update();
        }
        jdbc.sql("DELETE FROM platform_service WHERE NOT (name = ANY (?))")
                .param(names.toArray(String[]::new))
                .update();
    }

    /** Stores what a poll found; a new status or version also goes into the history. */
    @Transactional
    public void record(String service, ProbeResult result) {
        Timestamp now = Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS));
        Current current = jdbc.sql("SELECT status, version FROM platform_service WHERE name = ? FOR UPDATE")
                .param(service)
                .query((row, n) -> new Current(HealthStatus.valueOf(row.getString("status")), row.getString("version")))
                .single();
        String version = result.version() != null ? result.version() : current.version();
        boolean changed = result.status() != current.status() || !Objects.equals(version, current.version());
        jdbc.sql("""
                UPDATE platform_service SET status = ?, version = ?, error = ?, checked_at = ?,
                       changed_at = CASE WHEN ? THEN ? ELSE changed_at END
                WHERE name = ?""")
                .params(result.status().name(), version, result.error(), now, changed, now, service)
                .update();
        if (changed) {
            jdbc.sql("""
                    INSERT INTO platform_health_change
                        (service, status, previous_status, version, previous_version, error, changed_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""")
                    .params(
                            service,
                            result.status().name(),
                            current.status().name(),
                            version,
                            current.version(),
                            result.error(),
                            now)
                    .update();
        }
    }

    /** Every configured service's current state, in the configured order. */
    @Transactional(readOnly = true)
    public List<ServiceState> current() {
        Map<String, ServiceState> byName = jdbc
                .sql("SELECT name, base_url, status, version, error, checked_at, changed_at FROM platform_service")
                .query((row, n) -> new ServiceState(
                        row.getString("name"),
                        row.getString("base_url"),
                        HealthStatus.valueOf(row.getString("status")),
                        row.getString("version"),
                        row.getString("error"),
                        instant(row.getTimestamp("checked_at")),
                        instant(row.getTimestamp("changed_at"))))
                .list()
                .stream()
                .collect(Collectors.toMap(ServiceState::name, Function.identity()));
        return properties.services().stream()
                .map(service -> byName.get(service.name()))
                .filter(Objects::nonNull)
                .toList();
    }

    /** One page of changes, newest first, of one service or of all. */
    @Transactional(readOnly = true)
    public PageResponse<HealthChange> history(String service, int page, int size) {
        String where = service == null ? "" : " WHERE service = :service";
        Map<String, Object> filter = service == null ? Map.of() : Map.of("service", service);
        long total = jdbc.sql("SELECT count(*) FROM platform_health_change" + where)
                .params(filter)
                .query(Long.class)
                .single();
        List<HealthChange> changes = jdbc.sql(
                        "SELECT service, status, previous_status, version, previous_version, error, changed_at"
                                + " FROM platform_health_change" + where
                                + " ORDER BY changed_at DESC, id DESC LIMIT :size OFFSET :offset")
                .params(filter)
                .param("size", size)
                .param("offset", (long) page * size)
                .query((row, n) -> new HealthChange(
                        row.getString("service"),
                        HealthStatus.valueOf(row.getString("status")),
                        HealthStatus.valueOf(row.getString("previous_status")),
                        row.getString("version"),
                        row.getString("previous_version"),
                        row.getString("error"),
                        instant(row.getTimestamp("changed_at"))))
                .list();
        return new PageResponse<>(changes, page, size, total, (int) ((total + size - 1) / size));
    }

    /** Whether the name is a configured service. */
    public boolean isConfigured(String service) {
        return properties.services().stream().anyMatch(polled -> polled.name().equals(service));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private record Current(HealthStatus status, String version) {}
}
