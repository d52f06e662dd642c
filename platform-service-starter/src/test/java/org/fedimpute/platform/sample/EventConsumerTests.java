package org.fedimpute.platform.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.fedimpute.events.EventEnvelope;
import org.fedimpute.events.JobCompleted;
import org.fedimpute.events.JobEvent;
import org.fedimpute.events.JobStarted;
import org.fedimpute.events.PlatformEvent;
import org.fedimpute.platform.events.EventHandler;
import org.fedimpute.platform.events.EventOutbox;
import org.fedimpute.test.infra.UseEmbeddedInfra;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.PendingMessages;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Events reach a service's {@link EventHandler} methods through consumer groups with exactly one effect each:
 * whatever is delivered twice, fails, cannot be read or is not for the consumer.
 */
@SpringBootTest(
        properties = {
            "fedimpute.events.outbox.enabled=true",
            "fedimpute.events.outbox.relay-interval=100ms",
            "fedimpute.events.consumer.enabled=true",
            "fedimpute.events.consumer.poll-timeout=200ms",
            "fedimpute.events.consumer.claim-idle=300ms",
            "fedimpute.events.consumer.max-deliveries=3"
        })
@UseEmbeddedInfra
class EventConsumerTests {

    private static final String JOBS = "fedimpute.events.jobs";
    private static final String OUTCOMES = "starter-sample.job-outcomes";
    private static final String HISTORY = "starter-sample.job-history";
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Autowired
    EventOutbox outbox;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    MeterRegistry meters;

    @Autowired
    JobOutcomes outcomes;

    @Autowired
    JobHistory history;

    @Test
    void anEventPublishedThroughTheOutboxReachesItsHandlerOnceInATransaction() {
        double processedBefore = count("fedimpute.events.processed", "job-outcomes");

        EventEnvelope<?> envelope = publish(completed());

        await().atMost(WAIT).until(() -> handled("job-outcomes", envelope.id()) == 1);
        await().atMost(WAIT).until(() -> caughtUp(OUTCOMES));
        assertThat(handled("job-outcomes", envelope.id())).isEqualTo(1);
        assertThat(processed("job-outcomes", envelope.id())).isEqualTo(1);
        assertThat(outcomes.inTransaction).isTrue();
        assertThat(count("fedimpute.events.processed", "job-outcomes")).isEqualTo(processedBefore + 1);
    }

    @Test
    void theSameEventOnTheStreamTwiceHasOneEffect() {
        EventEnvelope<JobCompleted> envelope = EventEnvelope.wrap("/job-processor", completed());
        String wire = json.writeValueAsString(envelope);

        append(envelope.id(), "job.completed", wire);
        append(envelope.id(), "job.completed", wire);

        await().atMost(WAIT).until(() -> caughtUp(OUTCOMES));
        assertThat(handled("job-outcomes", envelope.id())).isEqualTo(1);
        assertThat(processed("job-outcomes", envelope.id())).isEqualTo(1);
    }

    @Test
    void aHandlerThatFailsIsRetriedAndItsFailedAttemptLeavesNothingBehind() {
        JobCompleted completed = completed();
        outcomes.failTimes(completed.jobId(), 1);
        double failuresBefore = count("fedimpute.events.failures", "job-outcomes");

        EventEnvelope<?> envelope = publish(completed);

        await().atMost(WAIT).until(() -> processed("job-outcomes", envelope.id()) == 1);
        await().atMost(WAIT).until(() -> caughtUp(OUTCOMES));
        assertThat(outcomes.attempts(completed.jobId())).isEqualTo(2);
        assertThat(handled("job-outcomes", envelope.id())).isEqualTo(1);
        assertThat(count("fedimpute.events.failures", "job-outcomes")).isEqualTo(failuresBefore + 1);
        assertThat(parkedEvent(envelope.id())).isNull();
    }

    @Test
    void anEventWhoseHandlerKeepsFailingIsParkedAfterTheLastDelivery() {
        JobCompleted completed = completed();
        outcomes.failTimes(completed.jobId(), Integer.MAX_VALUE);

        EventEnvelope<?> envelope = publish(completed);

        await().atMost(WAIT).until(() -> parkedEvent(envelope.id()) != null);
        Map<Object, Object> parked = parkedEvent(envelope.id());
        assertThat(parked)
                .containsEntry("type", "job.completed")
                .containsEntry("consumer", OUTCOMES)
                .containsEntry("deliveries", "3");
        assertThat(parked.get("error").toString()).contains("failing on purpose");
        assertThat(parked.get("event").toString()).contains(completed.jobId().toString());
        assertThat(outcomes.attempts(completed.jobId())).isEqualTo(3);
        assertThat(handled("job-outcomes", envelope.id())).isZero();
        assertThat(processed("job-outcomes", envelope.id())).isZero();
        await().atMost(WAIT).until(() -> caughtUp(OUTCOMES));
        assertThat(meters.get("fedimpute.events.dead.lettered")
                        .tag("consumer", "job-outcomes")
                        .tag("type", "job.completed")
                        .counter()
                        .count())
                .isPositive();
    }

    @Test
    void anUnreadableEntryIsParkedAtOnceAndTheEventsAfterItStillArrive() {
        RecordId broken = append(UUID.randomUUID().toString(), "job.completed", "{not json");
        RecordId untyped =
                redis.opsForStream().add(StreamRecords.newRecord().in(JOBS).ofMap(Map.of("event", "{}")));

        EventEnvelope<?> after = publish(completed());

        await().atMost(WAIT).until(() -> handled("job-outcomes", after.id()) == 1);
        await().atMost(WAIT).until(() -> caughtUp(OUTCOMES));
        List<MapRecord<String, Object, Object>> parked = deadLetters(OUTCOMES, Set.of(broken, untyped));
        assertThat(parked)
                .hasSize(2)
                .allSatisfy(entry -> assertThat(entry.getValue()).containsEntry("deliveries", "1"));
        assertThat(parked.getFirst().getValue().get("error").toString()).startsWith("unreadable envelope");
        assertThat(parked.getLast().getValue()).containsEntry("error", "the entry has no type field");
    }

    @Test
    void typesAConsumerDoesNotHandleAreSkippedWhileAFamilyHandlerGetsThemAll() {
        JobStarted started = new JobStarted(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "remote-1", now());
        EventEnvelope<JobStarted> startedEnvelope = EventEnvelope.wrap("/job-processor", started);
        RecordId startedEntry = append(startedEnvelope.id(), "job.started", json.writeValueAsString(startedEnvelope));
        JobCompleted completed = completed();

        EventEnvelope<?> after = publish(completed);

        await().atMost(WAIT).until(() -> handled("job-outcomes", after.id()) == 1);
        await().atMost(WAIT).until(() -> caughtUp(OUTCOMES) && caughtUp(HISTORY));
        assertThat(processed("job-outcomes", startedEnvelope.id())).isZero();
        assertThat(deadLetters(OUTCOMES, Set.of(startedEntry))).isEmpty();
        assertThat(deadLetters(HISTORY, Set.of(startedEntry))).isEmpty();
        assertThat(processed("job-history", startedEnvelope.id())).isEqualTo(1);
        assertThat(history.seen).contains(started, completed);
    }

    /**
     * A type the catalogue does not name was published by a newer version (a rolling deploy): acknowledging it would
     * keep it from the group's newer instances, which may handle it; parking it would too.
     */
    @Test
    void anEntryOfATypeNewerThanThisBuildIsLeftPendingForAnInstanceThatKnowsIt() {
        RecordId newer = append(UUID.randomUUID().toString(), "job.exploded", "{\"type\":\"job.exploded\"}");
        try {
            EventEnvelope<?> after = publish(completed());

            await().atMost(WAIT).until(() -> handled("job-outcomes", after.id()) == 1);
            // Offered to the group again after each claim-idle, past max-deliveries (3), as a newer instance would be.
            await().atMost(WAIT).until(() -> deliveries(OUTCOMES, newer) > 3 && deliveries(HISTORY, newer) > 3);
            assertThat(deadLetters(OUTCOMES, Set.of(newer))).isEmpty();
            assertThat(deadLetters(HISTORY, Set.of(newer))).isEmpty();
            assertThat(meters.get("fedimpute.events.uncatalogued")
                            .tag("consumer", "job-outcomes")
                            .tag("type", "job.exploded")
                            .counter()
                            .count())
                    .isGreaterThan(3);
        } finally {
            redis.opsForStream().acknowledge(JOBS, OUTCOMES, newer);
            redis.opsForStream().acknowledge(JOBS, HISTORY, newer);
        }
    }

    /** How many times the group has delivered the entry, while it is pending; 0 once acknowledged. */
    private long deliveries(String group, RecordId entry) {
        PendingMessages pending =
                redis.opsForStream().pending(JOBS, group, Range.closed(entry.getValue(), entry.getValue()), 1);
        return pending.isEmpty() ? 0 : pending.get(0).getTotalDeliveryCount();
    }

    private EventEnvelope<?> publish(PlatformEvent event) {
        return transaction.execute(status -> outbox.publish(event));
    }

    private RecordId append(String id, String type, String event) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("id", id);
        fields.put("type", type);
        fields.put("event", event);
        return redis.opsForStream().add(StreamRecords.newRecord().in(JOBS).ofMap(fields));
    }

    /** Whether the group has been handed every entry on the stream and has acknowledged them all. */
    private boolean caughtUp(String group) {
        String last = redis.opsForStream().info(JOBS).lastGeneratedId();
        return redis.opsForStream().groups(JOBS).stream()
                .filter(info -> info.groupName().equals(group))
                .anyMatch(info -> info.lastDeliveredId().equals(last) && info.pendingCount() == 0);
    }

    private int handled(String consumer, String eventId) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM handled_event WHERE consumer = ? AND event_id = ?",
                Integer.class,
                consumer,
                eventId);
    }

    private int processed(String consumer, String eventId) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM processed_event WHERE consumer = ? AND event_id = ?",
                Integer.class,
                consumer,
                eventId);
    }

    /** What the group parked of the given entries, in stream order. */
    private List<MapRecord<String, Object, Object>> deadLetters(String group, Set<RecordId> entries) {
        return redis.opsForStream().range(JOBS + ".dead-letter", Range.unbounded()).stream()
                .filter(parked -> group.equals(parked.getValue().get("consumer")))
                .filter(parked -> entries.contains(
                        RecordId.of(parked.getValue().get("entry").toString())))
                .toList();
    }

    /** The fields job-outcomes parked for an event, or {@code null}. */
    private Map<Object, Object> parkedEvent(String eventId) {
        return redis.opsForStream().range(JOBS + ".dead-letter", Range.unbounded()).stream()
                .map(MapRecord::getValue)
                .filter(fields -> OUTCOMES.equals(fields.get("consumer")) && eventId.equals(fields.get("id")))
                .findFirst()
                .orElse(null);
    }

    private double count(String meter, String consumer) {
        return meters.get(meter)
                .tag("consumer", consumer)
                .tag("type", "job.completed")
                .counter()
                .count();
    }

    private static JobCompleted completed() {
        return new JobCompleted(
                UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), List.of(UUID.randomUUID()), now());
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Handlers {

        @Bean
        JobOutcomes jobOutcomes(JdbcTemplate jdbc) {
            return new JobOutcomes(jdbc);
        }

        @Bean
        JobHistory jobHistory() {
            return new JobHistory();
        }
    }

    /** Records each completed job in the database, and fails on purpose for the jobs a test names. */
    static class JobOutcomes {

        private final JdbcTemplate jdbc;
        private final Map<UUID, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
        private final Map<UUID, AtomicInteger> attempts = new ConcurrentHashMap<>();
        volatile boolean inTransaction;

        JobOutcomes(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @EventHandler(consumer = "job-outcomes")
        void on(JobCompleted event, EventEnvelope<JobCompleted> envelope) {
            attempts.computeIfAbsent(event.jobId(), id -> new AtomicInteger()).incrementAndGet();
            inTransaction = TransactionSynchronizationManager.isActualTransactionActive();
            jdbc.update(
                    "INSERT INTO handled_event (consumer, event_id, event_type) VALUES ('job-outcomes', ?, ?)",
                    envelope.id(),
                    envelope.type());
            AtomicInteger left = failuresLeft.get(event.jobId());
            if (left != null && left.getAndDecrement() > 0) {
                throw new IllegalStateException("failing on purpose for job " + event.jobId());
            }
        }

        void failTimes(UUID jobId, int times) {
            failuresLeft.put(jobId, new AtomicInteger(times));
        }

        int attempts(UUID jobId) {
            AtomicInteger count = attempts.get(jobId);
            return count == null ? 0 : count.get();
        }
    }

    /** Takes every job event, through the family type, without the envelope. */
    static class JobHistory {

        final List<JobEvent> seen = new CopyOnWriteArrayList<>();

        @EventHandler(consumer = "job-history")
        void on(JobEvent event) {
            seen.add(event);
        }
    }
}
