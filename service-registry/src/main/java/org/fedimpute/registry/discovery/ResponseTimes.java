package org.fedimpute.registry.discovery;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** Reads how fast services have been answering their health checks, from the probes' history. */
@Repository
class ResponseTimes {

    private final NamedParameterJdbcTemplate jdbc;

    ResponseTimes(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The median response time in ms of each service's successful checks since the given time; a service that
     * answered none is absent. Failed checks are left out: they measure a timeout, not the service.
     */
    Map<UUID, Double> medians(Collection<UUID> serviceIds, Instant since) {
        Map<UUID, Double> medians = new HashMap<>();
        if (serviceIds.isEmpty()) {
            return medians;
        }
        jdbc.query(
                """
                        SELECT service_id, percentile_cont(0.5) WITHIN GROUP (ORDER BY response_ms) AS p50
                          FROM health_check
                         WHERE service_id IN (:services) AND checked_at >= :since
                           AND health = 'HEALTHY' AND response_ms IS NOT NULL
                         GROUP BY service_id
                        """,
                new MapSqlParameterSource()
                        .addValue("services", serviceIds)
                        .addValue("since", since.atOffset(ZoneOffset.UTC)),
                rs -> {
                    medians.put(rs.getObject("service_id", UUID.class), rs.getDouble("p50"));
                });
        return medians;
    }
}
