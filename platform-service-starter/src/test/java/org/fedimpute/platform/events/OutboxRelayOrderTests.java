package org.fedimpute.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.fedimpute.events.EventStream;
import org.fedimpute.events.JobProgressed;
import org.fedimpute.test.infra.EmbeddedInfra;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The relay appends a service's events in the order they were written, whatever their timestamps and however many
 * instances relay at once, and keeps its streams near their maximum length; on the migrated outbox table of the
 * sample schema and a real Redis.
 */
class OutboxRelayOrderTests {

    private static final String SCHEMA = "sample";
    private static final String JOBS = EventStream.JOBS.key();
    private static final UUID USER = UUID.randomUUID();
    private static final UUID SERVICE = UUID.randomUUID();

    private static HikariDataSource database;
    private static LettuceConnectionFactory redisConnections;
    private static JdbcTemplate jdbc;
    private static TransactionTemplate transaction;
    private static StringRedisTemplate redis;
    private static EventOutbox outbox;

    /** The ids of the written events per subject, in the order each subject's events were written. */
    private final Map<UUID, List<String>> written = new ConcurrentHashMap<>();

    @BeforeAll
    static void connect() {
        EmbeddedInfra.DatabaseAccess access = EmbeddedInfra.createDatabase("OutboxRelayOrderTests", SCHEMA);
        database = new HikariDataSource();
        database.setJdbcUrl(access.jdbcUrl());
        database.setUsername(access.username());
        database.setPassword(access.password());
        database.setMaximumPoolSize(8);
        Flyway.configure()
                .dataSource(database)
                .schemas(SCHEMA)
                .defaultSchema(SCHEMA)
                .load()
                .migrate();
        jdbc = new JdbcTemplate(database);
        transaction = new TransactionTemplate(new JdbcTransactionManager(database));
        RedisStandaloneConfiguration server = new RedisStandaloneConfiguration("127.0.0.1", EmbeddedInfra.redisPort());
        server.setDatabase(EmbeddedInfra.nextRedisDatabase());
        redisConnections = new LettuceConnectionFactory(server);
        redisConnections.afterPropertiesSet();
        redisConnections.start();
        redis = new StringRedisTemplate(redisConnections);
        outbox = new EventOutbox(jdbc, JsonMapper.builder().build(), "/job-processor", SCHEMA);
    }

    @AfterAll
    static void disconnect() {
        redisConnections.destroy();
        database.close();
    }

    @BeforeEach
    void emptyOutboxAndStream() {
        jdbc.update("DELETE FROM sample.event_outbox");
        redis.delete(JOBS);
    }

    @Test
    void eventsWrittenInOneTransactionWithTheSameTimestampArriveInTheOrderTheyWereWritten() {
        OutboxRelay relay = relay(50, 1_000_000);
        List<UUID> jobs =
                IntStream.range(0, 10).mapToObj(i -> UUID.randomUUID()).toList();
        Timestamp sameInstant = Timestamp.from(Instant.parse("2026-11-23T12:00:00Z"));
        transaction.executeWithoutResult(status -> {
            for (int sequence = 1; sequence <= 100; sequence++) {
                for (UUID job : jobs) {
                    write(job, sequence);
                }
            }
            // As a job submitted and queued in one go, the events share their timestamp. Stamping job by job, last job
            // first, also moves each job's rows behind those of the jobs after it in the table, as updates and reused
            // space do: neither the time nor a row's place tells the order the events were written in.
            for (UUID job : jobs.reversed()) {
                jdbc.update(
                        "UPDATE sample.event_outbox SET created_at = ? WHERE subject = ?", sameInstant, job.toString());
            }
        });

        while (relay.relay() > 0) {
            // each pass takes the next batch
        }

        assertThat(streamIds()).containsExactlyElementsOf(writtenInOrder(jobs));
    }

    @Test
    void twoRelaysOnOneTableDeliverEveryEventInEachSubjectsWrittenOrder() throws Exception {
        List<OutboxRelay> relays = List.of(relay(20, 1_000_000), relay(20, 1_000_000));
        AtomicBoolean writing = new AtomicBoolean(true);
        List<AtomicInteger> published = List.of(new AtomicInteger(), new AtomicInteger());
        try (ExecutorService threads = Executors.newFixedThreadPool(6)) {
            List<Future<?>> relaying = new ArrayList<>();
            for (int i = 0; i < relays.size(); i++) {
                OutboxRelay relay = relays.get(i);
                AtomicInteger count = published.get(i);
                relaying.add(threads.submit(() -> {
                    while (writing.get() || pending() > 0) {
                        count.addAndGet(relay.relay());
                    }
                }));
            }
            List<Future<?>> writers = IntStream.range(0, 4)
                    .<Future<?>>mapToObj(writer -> threads.submit(() -> writeInTurns(5, 150)))
                    .toList();
            try {
                for (Future<?> writer : writers) {
                    writer.get();
                }
            } finally {
                writing.set(false);
            }
            for (Future<?> relay : relaying) {
                relay.get();
            }
        }

        List<String> stream = streamIds();
        assertThat(new LinkedHashSet<>(stream)).hasSize(4 * 5 * 150);
        written.forEach((job, ids) -> assertThat(firstAppearances(stream, ids))
                .as("events of job %s", job)
                .containsExactlyElementsOf(ids));
        assertThat(published).allSatisfy(count -> assertThat(count.get()).isPositive());
    }

    @Test
    void aPassThatDoesNotGetTheTablesLockPublishesNothing() throws SQLException {
        OutboxRelay relay = relay(50, 1_000_000);
        UUID job = UUID.randomUUID();
        transaction.executeWithoutResult(status -> write(job, 1));

        try (Connection other = database.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement lock = other.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, OutboxRelay.lockKey(OutboxRelay.outboxTable(SCHEMA)));
                lock.execute();
            }
            assertThat(relay.relay()).isZero();
            assertThat(pending()).isEqualTo(1);
            other.rollback();
        }

        assertThat(relay.relay()).isEqualTo(1);
        assertThat(streamIds()).containsExactlyElementsOf(written.get(job));
    }

    @Test
    void aStreamIsTrimmedToAboutItsMaximumLength() {
        OutboxRelay relay = relay(100, 50);
        UUID job = UUID.randomUUID();
        for (int round = 0; round < 10; round++) {
            transaction.executeWithoutResult(status -> {
                for (int i = 0; i < 100; i++) {
                    write(job, i);
                }
            });
            relay.relay();
        }

        // Redis trims whole macro nodes (at most 100 entries or 4 kB each), never below the maximum length.
        assertThat(redis.opsForStream().size(JOBS)).isBetween(50L, 149L);
        List<String> ids = written.get(job);
        List<String> stream = streamIds();
        assertThat(ids.subList(ids.size() - stream.size(), ids.size())).containsExactlyElementsOf(stream);
    }

    /** Writes {@code perSubject} events for each of {@code subjects} jobs of its own, one transaction each. */
    private void writeInTurns(int subjects, int perSubject) {
        List<UUID> jobs =
                IntStream.range(0, subjects).mapToObj(i -> UUID.randomUUID()).toList();
        for (int sequence = 1; sequence <= perSubject; sequence++) {
            for (UUID job : jobs) {
                int next = sequence;
                transaction.executeWithoutResult(status -> write(job, next));
            }
        }
    }

    private void write(UUID job, int sequence) {
        JobProgressed progressed =
                new JobProgressed(job, USER, SERVICE, null, "relay-test", Integer.toString(sequence), Instant.now());
        String id = outbox.publish(progressed).id();
        written.computeIfAbsent(job, key -> new ArrayList<>()).add(id);
    }

    private List<String> writtenInOrder(Collection<UUID> jobs) {
        List<List<String>> perJob = jobs.stream().map(written::get).toList();
        List<String> all = new ArrayList<>();
        for (int i = 0; i < perJob.getFirst().size(); i++) {
            for (List<String> ids : perJob) {
                all.add(ids.get(i));
            }
        }
        return all;
    }

    private static OutboxRelay relay(int batchSize, long streamMaxLength) {
        OutboxProperties properties = new OutboxProperties(
                true, null, Duration.ofMillis(500), batchSize, Duration.ofDays(7), streamMaxLength);
        return new OutboxRelay(
                jdbc, transaction, redis, properties, SCHEMA, Clock.systemUTC(), new SimpleMeterRegistry());
    }

    /** The event ids on the stream, in stream order, repeats included. */
    private static List<String> streamIds() {
        return redis.opsForStream().range(JOBS, Range.unbounded()).stream()
                .map(entry -> entry.getValue().get("id").toString())
                .toList();
    }

    /** Of the given ids, those on the stream in the order of their first appearance. */
    private static List<String> firstAppearances(List<String> stream, List<String> ids) {
        return new LinkedHashSet<>(stream).stream().filter(ids::contains).toList();
    }

    private static int pending() {
        return jdbc.queryForObject(
                "SELECT count(*) FROM sample.event_outbox WHERE published_at IS NULL", Integer.class);
    }
}
