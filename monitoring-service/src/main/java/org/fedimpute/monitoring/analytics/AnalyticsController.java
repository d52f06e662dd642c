package org.fedimpute.monitoring.analytics;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import org.fedimpute.monitoring.analytics.JobReport.Bucket;
import org.fedimpute.monitoring.config.MonitoringProperties;
import org.fedimpute.monitoring.external.ExternalServices;
import org.fedimpute.platform.web.Problems;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admins read the job analytics ({@code /api/v1/admin/monitoring/analytics/jobs}) for a date range, optionally one
 * imputation service (id or slug) and one user, and export any section as CSV.
 *
 * <p>{@code from} and {@code to} are ISO-8601 instants or dates (UTC); a date as {@code to} includes that whole day.
 * Without them the report covers the last {@code default-range} up to now.
 */
@RestController
@RequestMapping("/api/v1/admin/monitoring/analytics/jobs")
class AnalyticsController {

    /** The first instant past the last a range may name. */
    private static final Instant LATEST =
            LocalDate.of(10_000, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();

    private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final JobAnalytics analytics;
    private final ExternalServices services;
    private final MonitoringProperties.Analytics limits;
    private final Clock clock;

    AnalyticsController(
            JobAnalytics analytics, ExternalServices services, MonitoringProperties properties, Clock clock) {
        this.analytics = analytics;
        this.services = services;
        this.limits = properties.analytics();
        this.clock = clock;
    }

    @GetMapping
    JobReport report(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String service,
            @RequestParam(required = false) String user,
            @RequestParam(defaultValue = "day") String bucket) {
        return analytics.report(filter(from, to, service, user, bucket));
    }

    @GetMapping("/export")
    ResponseEntity<String> export(
            @RequestParam String section,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String service,
            @RequestParam(required = false) String user,
            @RequestParam(defaultValue = "day") String bucket) {
        ReportSection exported = ReportSection.fromParameter(section);
        if (exported == null) {
            throw Problems.invalidField(
                    "section",
                    "must be one of "
                            + Arrays.stream(ReportSection.values())
                                    .map(ReportSection::parameter)
                                    .toList());
        }
        AnalyticsFilter filter = filter(from, to, service, user, bucket);
        String name = "jobs-" + exported.parameter() + "-" + LocalDate.ofInstant(filter.from(), ZoneOffset.UTC) + "-"
                + LocalDate.ofInstant(filter.to(), ZoneOffset.UTC) + ".csv";
        return ResponseEntity.ok()
                .contentType(CSV)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(name).build().toString())
                .body(exported.csv(analytics.report(filter)));
    }

    private AnalyticsFilter filter(String from, String to, String service, String user, String bucket) {
        Instant end = to == null ? clock.instant().truncatedTo(ChronoUnit.MICROS) : instant(to, "to", true);
        Instant start = from == null ? end.minus(limits.defaultRange()) : instant(from, "from", false);
        if (!start.isBefore(end)) {
            throw Problems.invalidField("from", "must be before to");
        }
        Duration range = Duration.between(start, end);
        if (range.compareTo(limits.maxRange()) > 0) {
            throw Problems.invalidField(
                    "from", "the range may span at most " + limits.maxRange().toDays() + " days");
        }
        Bucket width;
        try {
            width = Bucket.valueOf(bucket.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Problems.invalidField("bucket", "must be hour or day");
        }
        if (width == Bucket.HOUR && range.compareTo(limits.maxHourlyRange()) > 0) {
            throw Problems.invalidField(
                    "bucket",
                    "hourly buckets cover at most " + limits.maxHourlyRange().toDays() + " days");
        }
        return new AnalyticsFilter(start, end, serviceId(service), userId(user), width);
    }

    private UUID serviceId(String service) {
        if (service == null || service.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(service);
        } catch (IllegalArgumentException e) {
            return services.idOf(service)
                    .orElseThrow(() -> Problems.invalidField("service", "is neither a service id nor a known slug"));
        }
    }

    private static UUID userId(String user) {
        if (user == null || user.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(user);
        } catch (IllegalArgumentException e) {
            throw Problems.invalidField("user", "must be a user id");
        }
    }

    private static Instant instant(String text, String field, boolean endOfDay) {
        Instant instant;
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                instant = (endOfDay ? day.plusDays(1) : day)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant();
            } else {
                instant = Instant.parse(text);
            }
        } catch (DateTimeParseException e) {
            throw Problems.invalidField(field, "must be an ISO-8601 instant or date");
        }
        // Years Java reads but neither arithmetic on them nor PostgreSQL would take.
        if (instant.isBefore(Instant.EPOCH) || !instant.isBefore(LATEST)) {
            throw Problems.invalidField(field, "must lie between 1970 and 9999");
        }
        return instant;
    }
}
