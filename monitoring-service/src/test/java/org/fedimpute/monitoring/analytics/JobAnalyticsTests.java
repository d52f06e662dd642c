package org.fedimpute.monitoring.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.fedimpute.monitoring.analytics.RecordedJobs.MB;
import static org.fedimpute.monitoring.analytics.RecordedJobs.MICHIGAN;
import static org.fedimpute.monitoring.analytics.RecordedJobs.NODE;
import static org.fedimpute.monitoring.analytics.RecordedJobs.U1;
import static org.fedimpute.monitoring.analytics.RecordedJobs.U2;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.fedimpute.events.EventEnvelope;
import org.fedimpute.events.JobQueued;
import org.fedimpute.events.JobStarted;
import org.fedimpute.events.JobSubmitted;
import org.fedimpute.events.UserDeleted;
import org.fedimpute.monitoring.MonitoringTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The recorded jobs of {@link RecordedJobs}, published into the streams as job-processor's relay does, give the
 * analytics worked out by hand; replays, late and repeated events change none of it. The tests run in order on one
 * read model; the last one deletes a user.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JobAnalyticsTests extends MonitoringTestSupport {

    private static final String REPORT = "/api/v1/admin/monitoring/analytics/jobs";
    private static final String TWO_DAYS = "?from=2026-03-02&to=2026-03-03";
    private static final String CONSUMER = "job-analytics";

    private final RecordedJobs recorded = new RecordedJobs();
    private int published;

    @Autowired
    JobGauges gauges;

    @BeforeAll
    void publishTheRecordedJobs() {
        awaitCatalogue();
        recorded.events().forEach(this::append);
        published = recorded.events().size();
        await().atMost(PATIENCE).until(() -> handled(CONSUMER) == published);
    }

    @Test
    @Order(1)
    void theReportHasTheHandWorkedNumbers() {
        JsonNode report = read(REPORT + TWO_DAYS, admin());

        assertThat(report.get("from").asString()).isEqualTo("2026-03-02T00:00:00Z");
        assertThat(report.get("to").asString()).isEqualTo("2026-03-04T00:00:00Z");
        JsonNode overall = report.get("overall");
        assertOutcomes(overall, 10, 4, 3, 1);
        assertThat(overall.get("successRate").asDouble()).isCloseTo(4.0 / 7, within(1e-9));
        assertTimes(overall, 1800, 1500, 3330);

        JsonNode timeline = report.get("timeline");
        assertThat(timeline).hasSize(2);
        assertBucket(timeline.get(0), "2026-03-02T00:00:00Z", 6, 5, 4, 3, 2, 1);
        assertBucket(timeline.get(1), "2026-03-03T00:00:00Z", 4, 4, 3, 1, 1, 0);

        JsonNode funnel = report.get("funnel");
        assertThat(List.of(
                        funnel.get("submitted").asLong(),
                        funnel.get("queued").asLong(),
                        funnel.get("running").asLong(),
                        funnel.get("completed").asLong()))
                .containsExactly(10L, 9L, 7L, 4L);

        JsonNode services = report.get("byService");
        assertThat(services).hasSize(2);
        assertGroup(services.get(0), MICHIGAN.toString(), "michigan", 5, 2, 1, 0);
        assertThat(services.get(0).get("successRate").asDouble()).isCloseTo(2.0 / 3, within(1e-9));
        assertTimes(services.get(0), 900, 900, 1170);
        assertGroup(services.get(1), NODE.toString(), "local-node", 5, 2, 2, 1);
        assertThat(services.get(1).get("successRate").asDouble()).isEqualTo(0.5);
        assertTimes(services.get(1), 2700, 2700, 3510);

        JsonNode panels = report.get("byPanel");
        assertThat(panels).hasSize(3);
        assertGroup(panels.get(0), "hapmap-2", "hapmap-2", 4, 2, 0, 0);
        assertThat(panels.get(0).get("successRate").asDouble()).isEqualTo(1.0);
        assertTimes(panels.get(0), 900, 900, 1170);
        assertGroup(panels.get(1), "synthetic-chr20", "synthetic-chr20", 4, 2, 1, 1);
        assertTimes(panels.get(1), 2700, 2700, 3510);
        assertGroup(panels.get(2), "1000g-phase3", "1000g-phase3", 2, 0, 2, 0);
        assertThat(panels.get(2).get("successRate").asDouble()).isZero();
        assertThat(panels.get(2).get("meanSeconds").isNull()).isTrue();
        assertThat(panels.get(2).get("p95Seconds").isNull()).isTrue();

        JsonNode sizes = report.get("byInputSize");
        assertThat(sizes)
                .extracting(size -> size.get("label").asString())
                .containsExactly("0 - 10 MB", "10 MB - 100 MB", "100 MB - 1 GB", "1 GB - 10 GB", ">= 10 GB");
        assertOutcomes(sizes.get(0), 6, 2, 2, 0);
        assertTimes(sizes.get(0), 1200, 1200, 1740);
        assertOutcomes(sizes.get(1), 1, 1, 0, 0);
        assertTimes(sizes.get(1), 1200, 1200, 1200);
        assertOutcomes(sizes.get(2), 1, 0, 1, 0);
        assertOutcomes(sizes.get(3), 1, 1, 0, 0);
        assertTimes(sizes.get(3), 3600, 3600, 3600);
        assertOutcomes(sizes.get(4), 1, 0, 0, 1);
        assertThat(sizes.get(4).get("successRate").isNull()).isTrue();

        JsonNode reasons = report.get("failureReasons");
        assertThat(reasons).hasSize(2);
        assertThat(reasons.get(0).get("reason").asString()).isEqualTo("Out of memory");
        assertThat(reasons.get(0).get("jobs").asLong()).isEqualTo(2);
        assertThat(reasons.get(1).get("reason").asString()).isEqualTo(RecordedJobs.NOT_A_VCF);
        assertThat(reasons.get(1).get("jobs").asLong()).isEqualTo(1);

        assertThat(report.get("busiestHours"))
                .extracting(hour ->
                        hour.get("hourOfDay").asInt() + ":" + hour.get("jobs").asLong())
                .containsExactly("9:3", "10:2", "11:2", "14:2", "15:1");

        JsonNode users = report.get("users");
        assertThat(users).hasSize(2);
        assertThat(users.get(0).get("userId").asString()).isEqualTo(U1.toString());
        assertOutcomes(users.get(0), 5, 3, 1, 0);
        assertThat(users.get(0).get("inputBytes").asLong()).isEqualTo(66 * MB);
        assertThat(users.get(0).get("executionSeconds").asDouble()).isEqualTo(3600.0);
        assertThat(users.get(1).get("userId").asString()).isEqualTo(U2.toString());
        assertOutcomes(users.get(1), 5, 1, 2, 1);
        assertThat(users.get(1).get("inputBytes").asLong()).isEqualTo((500 + 2048 + 20480 + 1 + 1) * MB);
        assertThat(users.get(1).get("executionSeconds").asDouble()).isEqualTo(3600.0);
    }

    @Test
    @Order(2)
    void filtersNarrowToAServiceByIdOrSlugAndToAUser() {
        JsonNode michigan = read(REPORT + TWO_DAYS + "&service=michigan", admin());
        assertThat(michigan.get("serviceId").asString()).isEqualTo(MICHIGAN.toString());
        assertOutcomes(michigan.get("overall"), 5, 2, 1, 0);
        assertThat(michigan.get("byService")).hasSize(1);

        JsonNode nodeOfU2 = read(REPORT + TWO_DAYS + "&service=" + NODE + "&user=" + U2, admin());
        assertOutcomes(nodeOfU2.get("overall"), 3, 1, 1, 1);
        assertThat(nodeOfU2.get("funnel").get("running").asLong()).isEqualTo(2);
        assertThat(nodeOfU2.get("users")).hasSize(1);
        assertBucket(nodeOfU2.get("timeline").get(1), "2026-03-03T00:00:00Z", 1, 1, 1, 0, 1, 0);

        JsonNode dayOne = read(REPORT + "?from=2026-03-02T00:00:00Z&to=2026-03-02T12:00:00Z", admin());
        assertOutcomes(dayOne.get("overall"), 3, 2, 1, 0);
    }

    @Test
    @Order(3)
    void hourlyBucketsCountEachTransitionInItsHour() {
        JsonNode timeline = read(REPORT + "?from=2026-03-02&to=2026-03-02&bucket=hour", admin())
                .get("timeline");
        assertThat(timeline).hasSize(24);
        assertBucket(timeline.get(9), "2026-03-02T09:00:00Z", 2, 2, 2, 1, 0, 0);
        assertBucket(timeline.get(10), "2026-03-02T10:00:00Z", 1, 1, 1, 1, 1, 0);
        assertBucket(timeline.get(15), "2026-03-02T15:00:00Z", 1, 1, 0, 1, 0, 1);
        assertBucket(timeline.get(3), "2026-03-02T03:00:00Z", 0, 0, 0, 0, 0, 0);
    }

    @Test
    @Order(4)
    void replayingEveryEventChangesNothing() {
        String before = get(REPORT + TWO_DAYS, admin()).body();

        recorded.events().forEach(this::append);
        settle();

        assertThat(get(REPORT + TWO_DAYS, admin()).body()).isEqualTo(before);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM job_record WHERE first_seen_at >= '2026-03-01'", Integer.class))
                .isEqualTo(10);
    }

    @Test
    @Order(5)
    void lateAndRepeatedTransitionsNeverMoveAJobBack() {
        String before = get(REPORT + TWO_DAYS, admin()).body();
        // Fresh ids, as if job-processor had reported the stages again: J7 is running, J10 completed.
        append(EventEnvelope.wrap(
                "/job-processor", new JobQueued(recorded.j7, U1, MICHIGAN, 3, RecordedJobs.at(2, "09:30"))));
        append(EventEnvelope.wrap(
                "/job-processor", new JobStarted(recorded.j10, U1, NODE, "again", RecordedJobs.at(2, "11:50"))));
        published += 2;
        settle();

        assertThat(statusOf(recorded.j7)).isEqualTo("RUNNING");
        assertThat(statusOf(recorded.j10)).isEqualTo("COMPLETED");
        assertThat(get(REPORT + TWO_DAYS, admin()).body()).isEqualTo(before);
    }

    @Test
    @Order(6)
    void sectionsExportAsCsv() {
        HttpResponse<String> users = get(REPORT + "/export" + TWO_DAYS + "&section=users", admin());
        assertThat(users.statusCode()).isEqualTo(200);
        assertThat(users.headers().firstValue("Content-Type")).hasValue("text/csv;charset=UTF-8");
        assertThat(users.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"jobs-users-2026-03-02-2026-03-04.csv\"");
        assertThat(users.body())
                .isEqualTo("userId,jobs,completed,failed,cancelled,inputBytes,executionSeconds\r\n"
                        + U1 + ",5,3,1,0," + 66 * MB + ",3600.0\r\n"
                        + U2 + ",5,1,2,1," + 23030 * MB + ",3600.0\r\n");

        assertThat(get(REPORT + "/export" + TWO_DAYS + "&section=failure-reasons", admin())
                        .body())
                .isEqualTo(
                        "reason,jobs\r\nOut of memory,2\r\n\"Input is not a VCF file: \"\"sample.txt\"\", line 1\",1\r\n");
        assertThat(get(REPORT + "/export" + TWO_DAYS + "&section=funnel", admin())
                        .body())
                .isEqualTo("submitted,queued,running,completed\r\n10,9,7,4\r\n");
        assertThat(get(REPORT + "/export" + TWO_DAYS + "&section=timeline", admin())
                        .body())
                .isEqualTo("start,submitted,queued,running,completed,failed,cancelled\r\n"
                        + "2026-03-02T00:00:00Z,6,5,4,3,2,1\r\n2026-03-03T00:00:00Z,4,4,3,1,1,0\r\n");
    }

    @Test
    @Order(7)
    void analyticsAreForAdminsAndBadFiltersAreProblems() {
        assertThat(get(REPORT + TWO_DAYS, researcher()).statusCode()).isEqualTo(403);
        assertThat(get(REPORT + "/export" + TWO_DAYS + "&section=users", researcher())
                        .statusCode())
                .isEqualTo(403);
        assertThat(get(REPORT + TWO_DAYS, null).statusCode()).isEqualTo(401);
        assertBadField(REPORT + TWO_DAYS + "&bucket=week", "bucket");
        assertBadField(REPORT + "?from=2026-03-04&to=2026-03-02", "from");
        assertBadField(REPORT + "?from=yesterday", "from");
        assertBadField(REPORT + "?from=2020-01-01&to=2026-01-01", "from");
        // Years Java parses but arithmetic on them, or PostgreSQL, would not take.
        assertBadField(REPORT + "?from=%2B300000000-01-01T00:00:00Z&to=2026-03-02", "from");
        assertBadField(REPORT + "?to=%2B300000-01-02T00:00:00Z", "to");
        assertBadField(REPORT + "?to=-1000000000-01-01T00:00:00Z", "to");
        assertBadField(REPORT + "?from=2026-01-01&to=2026-03-01&bucket=hour", "bucket");
        assertBadField(REPORT + TWO_DAYS + "&user=ada", "user");
        assertBadField(REPORT + TWO_DAYS + "&service=no-such-service", "service");
        assertBadField(REPORT + "/export" + TWO_DAYS + "&section=everything", "section");
    }

    @Test
    @Order(8)
    void theGaugesCountQueuedAndRunningJobsPerService() {
        gauges.refresh();

        assertThat(get("/actuator/prometheus", null).body())
                .contains(gauge("michigan", "queued") + " 1.0")
                .contains(gauge("michigan", "running") + " 1.0")
                .contains(gauge("local-node", "queued") + " 0.0")
                .contains(gauge("local-node", "running") + " 0.0");
    }

    @Test
    @Order(9)
    void aDeletedUsersJobsStillCountWithoutTheUser() {
        append(EventEnvelope.wrap("/user-service", new UserDeleted(U1, Instant.now())));
        published++;
        await().atMost(PATIENCE).until(() -> handled(CONSUMER) == published);

        JsonNode report = read(REPORT + TWO_DAYS, admin());
        assertOutcomes(report.get("overall"), 10, 4, 3, 1);
        assertThat(report.get("users"))
                .extracting(user -> user.get("userId").asString())
                .containsExactly(U2.toString());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM job_record WHERE user_id = ?", Integer.class, U1))
                .isZero();
    }

    /** Appends one new event after whatever was appended and waits until it is handled, and so all before it. */
    private void settle() {
        UUID sentinel = UUID.randomUUID();
        append(EventEnvelope.wrap(
                "/job-processor",
                new JobSubmitted(
                        sentinel, U2, NODE, "sentinel", "hapmap-2", "hg38", 1, Instant.parse("2020-01-01T00:00:00Z"))));
        published++;
        await().atMost(PATIENCE).until(() -> handled(CONSUMER) == published);
    }

    private String statusOf(UUID job) {
        return jdbc.queryForObject("SELECT status FROM job_record WHERE job_id = ?", String.class, job);
    }

    private void assertBadField(String path, String field) {
        HttpResponse<String> response = get(path, admin());
        assertThat(response.statusCode()).as(path).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json.readTree(response.body())
                        .get("errors")
                        .get(0)
                        .get("field")
                        .asString())
                .isEqualTo(field);
    }

    private static String gauge(String service, String status) {
        return "fedimpute_monitoring_jobs{application=\"monitoring-service\",service=\"" + service + "\",status=\""
                + status + "\"}";
    }

    private static void assertOutcomes(JsonNode group, long jobs, long completed, long failed, long cancelled) {
        assertThat(List.of(
                        group.get("jobs").asLong(),
                        group.get("completed").asLong(),
                        group.get("failed").asLong(),
                        group.get("cancelled").asLong()))
                .as(group.toString())
                .containsExactly(jobs, completed, failed, cancelled);
    }

    private static void assertGroup(
            JsonNode group, String key, String label, long jobs, long completed, long failed, long cancelled) {
        assertThat(group.get("key").asString()).isEqualTo(key);
        assertThat(group.get("label").asString()).isEqualTo(label);
        assertOutcomes(group, jobs, completed, failed, cancelled);
    }

    private static void assertTimes(JsonNode group, double mean, double median, double p95) {
        assertThat(group.get("meanSeconds").asDouble()).as("mean").isCloseTo(mean, within(1e-6));
        assertThat(group.get("medianSeconds").asDouble()).as("median").isCloseTo(median, within(1e-6));
        assertThat(group.get("p95Seconds").asDouble()).as("p95").isCloseTo(p95, within(1e-6));
    }

    private static void assertBucket(
            JsonNode bucket,
            String start,
            long submitted,
            long queued,
            long running,
            long completed,
            long failed,
            long cancelled) {
        assertThat(bucket.get("start").asString()).isEqualTo(start);
        assertThat(List.of(
                        bucket.get("submitted").asLong(),
                        bucket.get("queued").asLong(),
                        bucket.get("running").asLong(),
                        bucket.get("completed").asLong(),
                        bucket.get("failed").asLong(),
                        bucket.get("cancelled").asLong()))
                .as(start)
                .containsExactly(submitted, queued, running, completed, failed, cancelled);
    }
}
