package org.fedimpute.monitoring.external;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.fedimpute.events.ServiceHealth;
import org.fedimpute.monitoring.health.HealthStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The external imputation services monitoring-service knows: their names and slugs as the registry's catalogue
 * lists them, their health as the registry's probes reported it. A report never replaces a newer one, whichever way
 * it came, so events arriving late or twice change nothing.
 */
@Service
public class ExternalServices {

    private final JdbcClient jdbc;
    private final Clock clock;

    ExternalServices(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A health report, from an event or the catalogue, checked at {@code checkedAt} (null: time unknown). */
    @Transactional
    public void report(UUID id, String slug, String name, ServiceHealth health, Instant checkedAt) {
        jdbc.sql("""
                INSERT INTO external_service AS known (id, slug, name, status, status_at, seen_at)
                VALUES (:id, :slug, :name, :status, :checkedAt, :now)
                ON CONFLICT (id) DO UPDATE SET
                    slug = excluded.slug,
                    name = coalesce(excluded.name, known.name),
                    seen_at = excluded.seen_at,
                    status = CASE WHEN known.status_at IS NULL OR excluded.status_at > known.status_at
                                  THEN excluded.status ELSE known.status END,
                    status_at = CASE WHEN known.status_at IS NULL OR excluded.status_at > known.status_at
                                     THEN excluded.status_at ELSE known.status_at END""")
                .param("id", id)
                .param("slug", slug)
                .param("name", name)
                .param("status", statusOf(health).name())
                .param("checkedAt", checkedAt == null ? null : Timestamp.from(checkedAt), Types.TIMESTAMP)
                .param("now", Timestamp.from(now()))
                .update();
    }

    /** Forgets services the catalogue no longer lists and nothing has reported since {@code listedSince}. */
    @Transactional
    public int forgetUnlisted(List<UUID> listed, Instant listedSince) {
        return jdbc.sql("DELETE FROM external_service WHERE NOT (id = ANY (?)) AND seen_at < ?")
                .params(listed.toArray(UUID[]::new), Timestamp.from(listedSince))
                .update();
    }

    /** Every known service, by name. */
    @Transactional(readOnly = true)
    public List<ExternalService> all() {
        return jdbc.sql("SELECT id, slug, coalesce(name, slug) AS name, status FROM external_service"
                        + " ORDER BY lower(coalesce(name, slug)), slug")
                .query((row, n) -> new ExternalService(
                        row.getObject("id", UUID.class),
                        row.getString("slug"),
                        row.getString("name"),
                        HealthStatus.valueOf(row.getString("status"))))
                .list();
    }

    /** The slug of each known service, by id. */
    @Transactional(readOnly = true)
    public Map<UUID, String> slugs() {
        return jdbc
                .sql("SELECT id, slug FROM external_service")
                .query((row, n) -> Map.entry(row.getObject("id", UUID.class), row.getString("slug")))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /**
     * The id of the service with this slug, if known. A slug deleted and registered again names two rows here until the
     * catalogue's next refresh drops the old one; the one heard from last is the registry's.
     */
    @Transactional(readOnly = true)
    public Optional<UUID> idOf(String slug) {
        return jdbc.sql("SELECT id FROM external_service WHERE slug = ? ORDER BY seen_at DESC, id LIMIT 1")
                .param(slug)
                .query(UUID.class)
                .optional();
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    static HealthStatus statusOf(ServiceHealth health) {
        if (health == null) {
            return HealthStatus.UNKNOWN;
        }
        return switch (health) {
            case HEALTHY -> HealthStatus.UP;
            case UNHEALTHY -> HealthStatus.DOWN;
            case UNKNOWN -> HealthStatus.UNKNOWN;
        };
    }
}
