package org.fedimpute.registry.directory;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fedimpute.events.ServiceHealth;
import org.fedimpute.platform.web.PageResponse;
import org.fedimpute.registry.services.ServiceKind;
import org.fedimpute.registry.services.ServiceRequest;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Reads services together with their latest health and the coverage of their panels in one query: a read model over
 * the catalogue's tables, so that filtering by population or health stays a single indexed SQL statement.
 */
@Repository
class ServiceListing {

    private static final String SELECT = """
            SELECT s.id, s.slug, s.name, s.kind, s.base_url, s.michigan_app_id, s.description, s.country, s.city,
                   s.latitude, s.longitude, s.supported_builds, s.input_formats, s.max_upload_bytes,
                   s.requires_user_token, s.active, s.created_at, s.updated_at,
                   coalesce(st.health, 'UNKNOWN') AS health, st.last_checked_at, st.last_response_ms, st.last_error,
                   st.first_unhealthy_at, st.deactivated_at, st.answering_again_at,
                   (SELECT count(*) FROM reference_panel p WHERE p.service_id = s.id AND p.available) AS panel_count,
                   (SELECT coalesce(array_agg(DISTINCT pop ORDER BY pop), '{}')
                      FROM reference_panel p, unnest(p.populations) AS pop
                     WHERE p.service_id = s.id AND p.available) AS populations
              FROM imputation_service s
              LEFT JOIN service_status st ON st.service_id = s.id
            """;

    private static final String WHERE = """
             WHERE (CAST(:kind AS text) IS NULL OR s.kind = :kind)
               AND (CAST(:build AS text) IS NULL OR :build = ANY (s.supported_builds)
                    OR EXISTS (SELECT 1 FROM reference_panel p
                                WHERE p.service_id = s.id AND p.available AND p.build = :build))
               AND (CAST(:population AS text) IS NULL
                    OR EXISTS (SELECT 1 FROM reference_panel p, unnest(p.populations) AS pop
                                WHERE p.service_id = s.id AND p.available AND lower(pop) = lower(:population)))
               AND (NOT :healthyOnly OR st.health = 'HEALTHY')
               AND (NOT :offeredOnly OR (s.active AND st.deactivated_at IS NULL))
            """;

    private final NamedParameterJdbcTemplate jdbc;

    ServiceListing(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    PageResponse<ServiceSummary> find(ServiceFilter filter, int page, int size) {
        MapSqlParameterSource parameters = new MapSqlParameterSource()
                .addValue("kind", filter.kind() == null ? null : filter.kind().name())
                .addValue("build", filter.build())
                .addValue("population", filter.population())
                .addValue("healthyOnly", filter.healthyOnly())
                .addValue("offeredOnly", filter.offeredOnly())
                .addValue("limit", size)
                .addValue("offset", (long) page * size);
        long total = jdbc.queryForObject(
                "SELECT count(*) FROM imputation_service s LEFT JOIN service_status st ON st.service_id = s.id" + WHERE,
                parameters,
                Long.class);
        List<ServiceSummary> items =
                jdbc.query(SELECT + WHERE + " ORDER BY s.name, s.slug LIMIT :limit OFFSET :offset", parameters, ROW);
        return new PageResponse<>(items, page, size, total, (int) ((total + size - 1) / size));
    }

    /** Every service the filter admits, unpaged: the candidates for discovery and the GA4GH listing. */
    List<ServiceSummary> all(ServiceFilter filter) {
        return find(filter, 0, Integer.MAX_VALUE).items();
    }

    Optional<ServiceSummary> bySlug(String slug) {
        return jdbc.query(SELECT + " WHERE s.slug = :slug", new MapSqlParameterSource("slug", slug), ROW).stream()
                .findFirst();
    }

    Optional<ServiceSummary> byId(UUID id) {
        return jdbc.query(SELECT + " WHERE s.id = :id", new MapSqlParameterSource("id", id), ROW).stream()
                .findFirst();
    }

    private static final RowMapper<ServiceSummary> ROW = (rs, row) -> new ServiceSummary(
            rs.getObject("id", UUID.class),
            rs.getString("slug"),
            rs.getString("name"),
            ServiceKind.valueOf(rs.getString("kind")),
            rs.getString("base_url"),
            rs.getString("michigan_app_id"),
            rs.getString("description"),
            new ServiceRequest.Location(
                    rs.getString("country"),
                    rs.getString("city"),
                    rs.getObject("latitude", Double.class),
                    rs.getObject("longitude", Double.class)),
            strings(rs.getArray("supported_builds")),
            strings(rs.getArray("input_formats")),
            rs.getObject("max_upload_bytes", Long.class),
            rs.getBoolean("requires_user_token"),
            rs.getBoolean("active"),
            instant(rs, "created_at"),
            instant(rs, "updated_at"),
            new ServiceSummary.Status(
                    ServiceHealth.valueOf(rs.getString("health")),
                    instant(rs, "last_checked_at"),
                    rs.getObject("last_response_ms", Integer.class),
                    rs.getString("last_error"),
                    instant(rs, "first_unhealthy_at"),
                    instant(rs, "deactivated_at"),
                    rs.getTimestamp("answering_again_at") != null),
            rs.getInt("panel_count"),
            strings(rs.getArray("populations")),
            null);

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
