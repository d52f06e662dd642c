package org.fedimpute.registry.directory;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fedimpute.platform.web.PageResponse;
import org.fedimpute.registry.panels.PanelOrigin;
import org.fedimpute.registry.panels.PanelResponse;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** Reads the panels researchers may choose from: available panels of services they are offered. */
@Repository
class PanelListing {

    private static final String FROM = """
              FROM reference_panel p
              JOIN imputation_service s ON s.id = p.service_id
              LEFT JOIN service_status st ON st.service_id = s.id
             WHERE p.available AND s.active AND st.deactivated_at IS NULL
               AND (CAST(:service AS text) IS NULL OR s.slug = :service)
               AND (CAST(:build AS text) IS NULL OR p.build = :build)
               AND (CAST(:population AS text) IS NULL
                    OR EXISTS (SELECT 1 FROM unnest(p.populations) AS pop WHERE lower(pop) = lower(:population)))
            """;

    private final NamedParameterJdbcTemplate jdbc;

    PanelListing(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    PageResponse<PanelResponse> find(String serviceSlug, String build, String population, int page, int size) {
        MapSqlParameterSource parameters = new MapSqlParameterSource()
                .addValue("service", serviceSlug)
                .addValue("build", build)
                .addValue("population", population)
                .addValue("limit", size)
                .addValue("offset", (long) page * size);
        long total = jdbc.queryForObject("SELECT count(*)" + FROM, parameters, Long.class);
        List<PanelResponse> items = jdbc.query(
                "SELECT p.*" + FROM + " ORDER BY s.slug, p.display_name LIMIT :limit OFFSET :offset", parameters, ROW);
        return new PageResponse<>(items, page, size, total, (int) ((total + size - 1) / size));
    }

    Optional<PanelResponse> offered(UUID panelId) {
        return jdbc
                .query(
                        "SELECT p.*" + FROM.replace("WHERE p.available", "WHERE p.id = :id AND p.available"),
                        new MapSqlParameterSource()
                                .addValue("id", panelId)
                                .addValue("service", null)
                                .addValue("build", null)
                                .addValue("population", null),
                        ROW)
                .stream()
                .findFirst();
    }

    private static final RowMapper<PanelResponse> ROW = (rs, row) -> new PanelResponse(
            rs.getObject("id", UUID.class),
            rs.getObject("service_id", UUID.class),
            rs.getString("remote_key"),
            rs.getString("display_name"),
            rs.getString("build"),
            strings(rs.getArray("populations")),
            rs.getObject("sample_count", Integer.class),
            rs.getObject("variant_count", Long.class),
            rs.getBoolean("available"),
            PanelOrigin.valueOf(rs.getString("origin")),
            instant(rs.getTimestamp("last_seen_at")),
            instant(rs.getTimestamp("missing_since")),
            instant(rs.getTimestamp("updated_at")));

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static java.time.Instant instant(Timestamp value) {
        return value == null ? null : value.toInstant();
    }
}
