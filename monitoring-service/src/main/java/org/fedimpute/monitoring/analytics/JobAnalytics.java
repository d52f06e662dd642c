package org.fedimpute.monitoring.analytics;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.fedimpute.monitoring.analytics.JobReport.Bucket;
import org.fedimpute.monitoring.analytics.JobReport.FailureReason;
import org.fedimpute.monitoring.analytics.JobReport.Funnel;
import org.fedimpute.monitoring.analytics.JobReport.HourLoad;
import org.fedimpute.monitoring.analytics.JobReport.OutcomeStats;
import org.fedimpute.monitoring.analytics.JobReport.TimelineBucket;
import org.fedimpute.monitoring.analytics.JobReport.UserUsage;
import org.fedimpute.monitoring.config.MonitoringProperties;
import org.fedimpute.monitoring.external.ExternalServices;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.unit.DataSize;

/**
 * Answers the job analytics from the read model: every section of a {@link JobReport}, and the live counts the
 * overview and the gauges show. Jobs belong to a range by their submission time; the timeline counts transitions
 * by their own times.
 */
@Service
public class JobAnalytics {

    private static final String SUBMITTED_AT = "coalesce(submitted_at, first_seen_at)";
    private static final String RUN_SECONDS = "extract(epoch FROM finished_at - started_at)";

    private final JdbcClient jdbc;
    private final ExternalServices services;
    private final MonitoringProperties.Analytics limits;

    JobAnalytics(JdbcClient jdbc, ExternalServices services, MonitoringProperties properties) {
        this.jdbc = jdbc;
        this.services = services;
        this.limits = properties.analytics();
    }

    @Transactional(readOnly = true)
    JobReport report(AnalyticsFilter filter) {
        Scope scope = new Scope(filter);
        Map<UUID, String> slugs = services.slugs();
        List<OutcomeStats> overall = outcomes(scope, "'all'", key -> "all jobs", false);
        return new JobReport(
                filter.from(),
                filter.to(),
                filter.serviceId(),
                filter.userId(),
                filter.bucket(),
                overall.isEmpty()
                        ? new OutcomeStats("all", "all jobs", 0, 0, 0, 0, null, null, null, null)
                        : overall.getFirst(),
                timeline(scope, filter),
                funnel(scope),
                outcomes(scope, "service_id::text", key -> slugs.getOrDefault(UUID.fromString(key), key), false),
                outcomes(scope, "coalesce(reference_panel, '(unknown)')", Function.identity(), false),
                outcomes(scope, sizeBucketKey(), this::sizeBucketLabel, true),
                failureReasons(scope),
                busiestHours(scope),
                users(scope));
    }

    /** Jobs waiting and running now, and outcomes within the hour before {@code now}. */
    @Transactional(readOnly = true)
    public Activity activity(Instant now) {
        return jdbc.sql("""
                SELECT count(*) FILTER (WHERE status = 'QUEUED') AS queued,
                       count(*) FILTER (WHERE status = 'RUNNING') AS running,
                       count(*) FILTER (WHERE status = 'COMPLETED' AND finished_at > :since) AS completed,
                       count(*) FILTER (WHERE status = 'FAILED' AND finished_at > :since) AS failed
                FROM job_record
                WHERE status IN ('QUEUED', 'RUNNING') OR finished_at > :since""")
                .param("since", Timestamp.from(now.minus(Duration.ofHours(1))))
                .query((row, n) -> new Activity(
                        row.getLong("queued"), row.getLong("running"), row.getLong("completed"), row.getLong("failed")))
                .single();
    }

    /** How many jobs are queued and running now, per service id. */
    @Transactional(readOnly = true)
    public List<ActiveJobs> activeByService() {
        return jdbc.sql("""
                SELECT service_id, count(*) FILTER (WHERE status = 'QUEUED') AS queued,
                       count(*) FILTER (WHERE status = 'RUNNING') AS running
                FROM job_record WHERE status IN ('QUEUED', 'RUNNING') GROUP BY service_id""")
                .query((row, n) -> new ActiveJobs(
                        row.getObject("service_id", UUID.class), row.getLong("queued"), row.getLong("running")))
                .list();
    }

    /** Jobs now and in the last hour, for the overview. */
    public record Activity(long queued, long running, long completedLastHour, long failedLastHour) {}

    /** One service's jobs waiting and running now. */
    public record ActiveJobs(UUID serviceId, long queued, long running) {}

    private List<TimelineBucket> timeline(Scope scope, AnalyticsFilter filter) {
        String unit = filter.bucket() == Bucket.HOUR ? "hour" : "day";
        String jobs = "FROM job_record" + scope.byServiceAndUser();
        Map<Instant, long[]> counts = new LinkedHashMap<>();
        ChronoUnit step = filter.bucket() == Bucket.HOUR ? ChronoUnit.HOURS : ChronoUnit.DAYS;
        for (Instant start = filter.from().truncatedTo(step);
                start.isBefore(filter.to());
                start = start.plus(1, step)) {
            counts.put(start, new long[6]);
        }
        jdbc.sql("SELECT date_trunc('" + unit + "', at AT TIME ZONE 'UTC') AS bucket, stage, count(*) AS jobs FROM ("
                        + " SELECT " + SUBMITTED_AT + " AS at, 0 AS stage " + jobs
                        + " UNION ALL SELECT queued_at, 1 " + jobs
                        + " UNION ALL SELECT started_at, 2 " + jobs
                        + " UNION ALL SELECT finished_at, CASE status WHEN 'COMPLETED' THEN 3 WHEN 'FAILED' THEN 4 ELSE 5 END "
                        + jobs + (scope.byServiceAndUser().isEmpty() ? " WHERE" : " AND") + " finished_at IS NOT NULL"
                        + ") transitions WHERE at >= :from AND at < :to GROUP BY 1, 2")
                .params(scope.parameters())
                .query((ResultSet row) -> {
                    Instant bucket =
                            row.getTimestamp("bucket").toLocalDateTime().toInstant(ZoneOffset.UTC);
                    long[] bucketCounts = counts.get(bucket);
                    if (bucketCounts != null) {
                        bucketCounts[row.getInt("stage")] = row.getLong("jobs");
                    }
                });
        List<TimelineBucket> timeline = new ArrayList<>(counts.size());
        counts.forEach((start, c) -> timeline.add(new TimelineBucket(start, c[0], c[1], c[2], c[3], c[4], c[5])));
        return timeline;
    }

    private Funnel funnel(Scope scope) {
        return jdbc.sql("""
                SELECT count(*) AS submitted,
                       count(*) FILTER (WHERE queued_at IS NOT NULL OR started_at IS NOT NULL OR status = 'COMPLETED')
                           AS queued,
                       count(*) FILTER (WHERE started_at IS NOT NULL OR status = 'COMPLETED') AS running,
                       count(*) FILTER (WHERE status = 'COMPLETED') AS completed
                FROM job_record""" + scope.where())
                .params(scope.parameters())
                .query((row, n) -> new Funnel(
                        row.getLong("submitted"),
                        row.getLong("queued"),
                        row.getLong("running"),
                        row.getLong("completed")))
                .single();
    }

    /**
     * Outcomes and execution times grouped by {@code keyExpression}; groups with the most jobs first, or in key order
     * when {@code byKey} (the key then being a number).
     */
    private List<OutcomeStats> outcomes(
            Scope scope, String keyExpression, Function<String, String> label, boolean byKey) {
        String completedRun = " FILTER (WHERE status = 'COMPLETED' AND started_at IS NOT NULL)";
        return jdbc.sql("SELECT " + keyExpression + " AS key, count(*) AS jobs,"
                        + " count(*) FILTER (WHERE status = 'COMPLETED') AS completed,"
                        + " count(*) FILTER (WHERE status = 'FAILED') AS failed,"
                        + " count(*) FILTER (WHERE status = 'CANCELLED') AS cancelled,"
                        + " avg(" + RUN_SECONDS + ")" + completedRun + " AS mean,"
                        + " percentile_cont(0.5) WITHIN GROUP (ORDER BY " + RUN_SECONDS + ")" + completedRun
                        + " AS median,"
                        + " percentile_cont(0.95) WITHIN GROUP (ORDER BY " + RUN_SECONDS + ")" + completedRun
                        + " AS p95"
                        + " FROM job_record" + scope.where() + " GROUP BY 1"
                        + (byKey ? " ORDER BY key" : " ORDER BY jobs DESC, key"))
                .params(scope.parameters())
                .query((row, n) -> {
                    String key = row.getString("key");
                    long completed = row.getLong("completed");
                    long failed = row.getLong("failed");
                    return new OutcomeStats(
                            key,
                            label.apply(key),
                            row.getLong("jobs"),
                            completed,
                            failed,
                            row.getLong("cancelled"),
                            completed + failed == 0 ? null : (double) completed / (completed + failed),
                            number(row, "mean"),
                            number(row, "median"),
                            number(row, "p95"));
                })
                .list();
    }

    private List<FailureReason> failureReasons(Scope scope) {
        return jdbc.sql("SELECT coalesce(failure_reason, '(no reason given)') AS reason, count(*) AS jobs"
                        + " FROM job_record" + scope.where() + " AND status = 'FAILED'"
                        + " GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT " + limits.topLimit())
                .params(scope.parameters())
                .query((row, n) -> new FailureReason(row.getString("reason"), row.getLong("jobs")))
                .list();
    }

    private List<HourLoad> busiestHours(Scope scope) {
        return jdbc.sql("SELECT extract(hour FROM " + SUBMITTED_AT + " AT TIME ZONE 'UTC')::int AS hour,"
                        + " count(*) AS jobs FROM job_record" + scope.where() + " GROUP BY 1 ORDER BY 2 DESC, 1")
                .params(scope.parameters())
                .query((row, n) -> new HourLoad(row.getInt("hour"), row.getLong("jobs")))
                .list();
    }

    private List<UserUsage> users(Scope scope) {
        return jdbc.sql("SELECT user_id, count(*) AS jobs,"
                        + " count(*) FILTER (WHERE status = 'COMPLETED') AS completed,"
                        + " count(*) FILTER (WHERE status = 'FAILED') AS failed,"
                        + " count(*) FILTER (WHERE status = 'CANCELLED') AS cancelled,"
                        + " coalesce(sum(input_bytes), 0) AS input_bytes,"
                        + " coalesce(sum(" + RUN_SECONDS + ") FILTER (WHERE status = 'COMPLETED'), 0) AS seconds"
                        + " FROM job_record" + scope.where() + " AND user_id IS NOT NULL"
                        + " GROUP BY user_id ORDER BY jobs DESC, user_id LIMIT " + limits.topLimit())
                .params(scope.parameters())
                .query((row, n) -> new UserUsage(
                        row.getObject("user_id", UUID.class),
                        row.getLong("jobs"),
                        row.getLong("completed"),
                        row.getLong("failed"),
                        row.getLong("cancelled"),
                        row.getLong("input_bytes"),
                        row.getDouble("seconds")))
                .list();
    }

    /** The size bucket's index: -1 when the size is not known, then one per configured bound, then the rest. */
    private String sizeBucketKey() {
        StringBuilder key = new StringBuilder("CASE WHEN input_bytes IS NULL THEN -1");
        List<DataSize> bounds = limits.inputSizeBuckets();
        for (int i = 0; i < bounds.size(); i++) {
            key.append(" WHEN input_bytes < ")
                    .append(bounds.get(i).toBytes())
                    .append(" THEN ")
                    .append(i);
        }
        return key.append(" ELSE ").append(bounds.size()).append(" END").toString();
    }

    private String sizeBucketLabel(String key) {
        int index = Integer.parseInt(key);
        List<DataSize> bounds = limits.inputSizeBuckets();
        if (index < 0) {
            return "unknown";
        }
        if (index == bounds.size()) {
            return ">= " + readable(bounds.getLast());
        }
        return (index == 0 ? "0" : readable(bounds.get(index - 1))) + " - " + readable(bounds.get(index));
    }

    private static String readable(DataSize size) {
        long bytes = size.toBytes();
        String[] units = {"B", "KB", "MB", "GB", "TB"};
        int unit = 0;
        while (unit < units.length - 1 && bytes >= 1024 && bytes % 1024 == 0) {
            bytes /= 1024;
            unit++;
        }
        return bytes + " " + units[unit];
    }

    private static Double number(ResultSet row, String column) throws SQLException {
        double value = row.getDouble(column);
        return row.wasNull() ? null : value;
    }

    /** The WHERE clause and parameters of a filter. */
    private static final class Scope {

        private final Map<String, Object> parameters = new HashMap<>();
        private final String byServiceAndUser;

        Scope(AnalyticsFilter filter) {
            parameters.put("from", Timestamp.from(filter.from()));
            parameters.put("to", Timestamp.from(filter.to()));
            List<String> conditions = new ArrayList<>();
            if (filter.serviceId() != null) {
                conditions.add("service_id = :service");
                parameters.put("service", filter.serviceId());
            }
            if (filter.userId() != null) {
                conditions.add("user_id = :user");
                parameters.put("user", filter.userId());
            }
            byServiceAndUser = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        }

        /** The service and user conditions only, for the timeline, whose range applies to each transition. */
        String byServiceAndUser() {
            return byServiceAndUser;
        }

        /** The whole filter: range by submission time, service, user. */
        String where() {
            String range = SUBMITTED_AT + " >= :from AND " + SUBMITTED_AT + " < :to";
            return byServiceAndUser.isEmpty() ? " WHERE " + range : byServiceAndUser + " AND " + range;
        }

        Map<String, Object> parameters() {
            return parameters;
        }
    }
}
