package org.fedimpute.registry.discovery;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * How jobs on each service ended, as job-processor's events report them: the evidence behind a service's recent
 * success rate.
 */
@Repository
public class JobOutcomes {

    private final NamedParameterJdbcTemplate jdbc;

    JobOutcomes(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records how a job ended, once: a job already recorded keeps its first outcome, so a redelivered event has no
     * second effect.
     *
     * @return whether this call recorded the outcome (false when the job was recorded already)
     */
    @Transactional
    public boolean record(UUID jobId, UUID serviceId, boolean succeeded, Instant finishedAt) {
        MapSqlParameterSource outcome = new MapSqlParameterSource()
                .addValue("job", Objects.requireNonNull(jobId, "jobId"))
                .addValue("service", Objects.requireNonNull(serviceId, "serviceId"))
                .addValue("succeeded", succeeded)
                .addValue(
                        "finished",
                        Objects.requireNonNull(finishedAt, "finishedAt").atOffset(ZoneOffset.UTC));
        return jdbc.update("""
                        INSERT INTO job_outcome (job_id, service_id, succeeded, finished_at)
                        VALUES (:job, :service, :succeeded, :finished)
                        ON CONFLICT (job_id) DO NOTHING
                        """, outcome) == 1;
    }

    /** The jobs of these services that finished since the given time, counted per service; services without any are absent. */
    Map<UUID, Tally> since(Collection<UUID> serviceIds, Instant since) {
        Map<UUID, Tally> tallies = new HashMap<>();
        if (serviceIds.isEmpty()) {
            return tallies;
        }
        jdbc.query(
                """
                        SELECT service_id, count(*) FILTER (WHERE succeeded) AS succeeded, count(*) AS jobs
                          FROM job_outcome
                         WHERE service_id IN (:services) AND finished_at >= :since
                         GROUP BY service_id
                        """,
                new MapSqlParameterSource()
                        .addValue("services", serviceIds)
                        .addValue("since", since.atOffset(ZoneOffset.UTC)),
                rs -> {
                    tallies.put(
                            rs.getObject("service_id", UUID.class),
                            new Tally(rs.getLong("succeeded"), rs.getLong("jobs")));
                });
        return tallies;
    }

    /** How many of a service's recent jobs there were, and how many of them succeeded. */
    record Tally(long succeeded, long jobs) {

        static final Tally NONE = new Tally(0, 0);
    }
}
