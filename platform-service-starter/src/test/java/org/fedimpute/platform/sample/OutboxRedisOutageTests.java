package org.fedimpute.platform.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.fedimpute.events.EventStream;
import org.fedimpute.events.JobProgressed;
import org.fedimpute.platform.events.EventHandler;
import org.fedimpute.platform.events.EventOutbox;
import org.fedimpute.test.infra.FreePorts;
import org.fedimpute.test.infra.UseEmbeddedInfra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import redis.embedded.RedisServer;

/**
 * Events keep being written while Redis is down: none is lost, they wait in the outbox, and once Redis is back a
 * consumer gets every one of them, once and in each job's order.
 *
 * <p>The test's Redis of its own keeps an append-only file, as a Redis whose streams must survive a restart does,
 * so that what reached a stream before the outage is still there after it: the outbox answers for the events Redis
 * never got, persistence for those it had.
 */
@SpringBootTest(
        properties = {
            "fedimpute.events.outbox.enabled=true",
            "fedimpute.events.outbox.relay-interval=50ms",
            "fedimpute.events.consumer.enabled=true",
            "fedimpute.events.consumer.poll-timeout=200ms",
            "fedimpute.events.consumer.claim-idle=500ms"
        })
@UseEmbeddedInfra(redis = false)
@DirtiesContext
class OutboxRedisOutageTests {

    private static final List<UUID> JOBS = IntStream.rangeClosed(1, 20)
            .mapToObj(n -> UUID.nameUUIDFromBytes(("job-" + n).getBytes(StandardCharsets.UTF_8)))
            .toList();
    private static final UUID USER = UUID.randomUUID();
    private static final UUID SERVICE = UUID.randomUUID();
    private static final String STREAM = EventStream.JOBS.key();
    private static final int ROUNDS = 10;
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int REDIS_PORT = freePort();

    @TempDir
    static Path redisData;

    private static RedisServer redis;

    @Autowired
    EventOutbox outbox;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    @Autowired
    StringRedisTemplate redisTemplate;

    @Autowired
    Progress progress;

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.port", () -> REDIS_PORT);
        registry.add("spring.data.redis.timeout", () -> "500ms");
    }

    @BeforeAll
    static void startRedis() throws IOException {
        redis = RedisServer.builder()
                .bind("127.0.0.1")
                .port(REDIS_PORT)
                .setting("dir " + redisData)
                .setting("appendonly yes")
                .setting("save \"\"")
                .build();
        redis.start();
    }

    @AfterAll
    static void stopRedis() {
        if (redis.isActive()) {
            redis.stop();
        }
    }

    @Test
    void eventsWrittenWhileRedisIsDownWaitInTheOutboxAndArriveOnceAndInOrderWhenItIsBack() throws IOException {
        Writer writer = new Writer();
        writer.allow(ROUNDS);
        await().atMost(WAIT).until(progress::any);

        writer.allow(ROUNDS);
        redis.stop();
        int writtenByTheStop = writer.written();
        writer.allow(ROUNDS);
        await().atMost(WAIT).until(() -> writer.written() == 3 * ROUNDS * JOBS.size());

        int written = writer.written();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM event_outbox", Integer.class))
                .isEqualTo(written);
        int writtenSinceTheStop = written - writtenByTheStop;
        await().during(Duration.ofSeconds(1))
                .atMost(WAIT)
                .until(() -> pending() >= writtenSinceTheStop && pendingGauge() == pending());

        redis.start();
        writer.allow(ROUNDS);
        await().atMost(WAIT)
                .until(() -> writer.written() == 4 * ROUNDS * JOBS.size() && pending() == 0 && consumerCaughtUp());
        writer.stop();

        List<Integer> inOrder = IntStream.rangeClosed(1, 4 * ROUNDS).boxed().toList();
        for (int n = 0; n < JOBS.size(); n++) {
            assertThat(progress.sequences(JOBS.get(n))).as("job-%d", n + 1).containsExactlyElementsOf(inOrder);
        }
    }

    /** Whether the consumer's group has been handed every entry on the stream and has acknowledged them all. */
    private boolean consumerCaughtUp() {
        String last = redisTemplate.opsForStream().info(STREAM).lastGeneratedId();
        return redisTemplate.opsForStream().groups(STREAM).stream()
                .anyMatch(group -> group.lastDeliveredId().equals(last) && group.pendingCount() == 0);
    }

    private double pendingGauge() {
        return meters.get("fedimpute.events.outbox.pending").gauge().value();
    }

    private int pending() {
        return jdbc.queryForObject("SELECT count(*) FROM event_outbox WHERE published_at IS NULL", Integer.class);
    }

    private static int freePort() {
        try {
            return FreePorts.find();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes rounds of progress events on a thread of its own, as many as the test has allowed so far: in each round
     * one event per job, each in a transaction of its own, numbered with the round.
     */
    private final class Writer {

        private final Semaphore allowed = new Semaphore(0);
        private final AtomicInteger written = new AtomicInteger();
        private final Thread thread = Thread.ofVirtual().name("outbox-writer").start(this::write);

        void allow(int rounds) {
            allowed.release(rounds);
        }

        int written() {
            return written.get();
        }

        void stop() {
            thread.interrupt();
        }

        private void write() {
            try {
                for (int round = 1; ; round++) {
                    allowed.acquire();
                    for (UUID job : JOBS) {
                        JobProgressed event = new JobProgressed(
                                job, USER, SERVICE, null, "outage-test", Integer.toString(round), Instant.now());
                        transaction.executeWithoutResult(status -> outbox.publish(event));
                        written.incrementAndGet();
                    }
                }
            } catch (InterruptedException e) {
                // the test is over
            }
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Handlers {

        @Bean
        Progress progress() {
            return new Progress();
        }
    }

    /** Remembers, per job, the numbers of the progress events it handled, in the order it handled them. */
    static class Progress {

        private final Map<UUID, List<Integer>> sequences = new ConcurrentHashMap<>();

        @EventHandler(consumer = "progress")
        void on(JobProgressed event) {
            sequences
                    .computeIfAbsent(event.jobId(), job -> new CopyOnWriteArrayList<>())
                    .add(Integer.valueOf(event.message()));
        }

        boolean any() {
            return !sequences.isEmpty();
        }

        List<Integer> sequences(UUID job) {
            return sequences.getOrDefault(job, List.of());
        }
    }
}
