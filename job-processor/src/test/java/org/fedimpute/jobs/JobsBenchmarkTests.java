package org.fedimpute.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.fedimpute.jobs.ScriptedRemoteServer.running;

import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.fedimpute.events.EventStream;
import org.fedimpute.jobs.remote.RemoteState;
import org.fedimpute.jobs.remote.RemoteStatus;
import org.fedimpute.platform.events.OutboxProperties;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Benchmark (printed, not part of verify) for the two targets: jobs accepted per second at submit (files
 * already uploaded and valid; 200/s wanted), and the time from the poll that sees a remote state change to the
 * {@code job.*} event in the Redis stream (under 1 s wanted). The peers are the WireMock stubs on loopback, so their
 * latency is part of the submit figure. Run with
 * {@code ./mvnw -o verify -pl job-processor -Dgroups=benchmark -DexcludedGroups= -Dtest=JobsBenchmarkTests
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
@TestPropertySource(
        properties = {
            "fedimpute.jobs.quotas.PREMIUM.concurrent=1000000",
            "fedimpute.jobs.quotas.PREMIUM.monthly=1000000",
            // Polls once a second (production starts at 10 s): enough to follow 200 running jobs without the polls
            // alone filling the two cores, and a dispatched job completes at its first poll.
            "fedimpute.jobs.poll-interval=1s",
            "fedimpute.jobs.max-poll-interval=1s"
        })
class JobsBenchmarkTests extends JobsApiTest {

    private static final int CLIENTS = 16;
    /** Submits before the measured ones, so the JIT has compiled the hot paths ({@code -Dbenchmark.warm-up=}). */
    private static final int WARM_UP = Integer.getInteger("benchmark.warm-up", 3_000);

    private static final int MEASURED = Integer.getInteger("benchmark.measured", 3_000);
    private static final int FLIPPED_JOBS = 200;
    private static final Duration FLIP_SPACING = Duration.ofMillis(20);
    private static final String JOBS_STREAM = EventStream.JOBS.key();
    private static final RemoteStatus COMPLETED =
            new RemoteStatus(RemoteState.COMPLETED, "4", null, null, null, null, List.of());

    @Autowired
    OutboxProperties outbox;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    Environment environment;

    @Test
    void submitsPerSecond() {
        String service = unique("bench");
        peers.service(service, true, true);
        String name = unique("bench-submit");
        // Every submitted job is sent at once and completes at its first poll, with no outputs to download.
        remote.script(name).completesWith(Map.of());
        String[] bodies = new String[CLIENTS];
        String[] tokens = new String[CLIENTS];
        for (int i = 0; i < CLIENTS; i++) {
            UUID user = UUID.randomUUID();
            peers.token(user, service);
            tokens[i] = premium(user);
            bodies[i] = submission(name, service, peers.file(user, "VALID", null));
        }
        System.out.printf(
                "%nSubmit benchmark: %d clients (virtual threads, JDK HttpClient, HTTP/1.1 keep-alive), %d warm-up"
                        + " and %d measured POST /api/v1/jobs of one VALID file each; registry, user-service and"
                        + " file-manager are WireMock stubs on loopback (4 stub calls per submit, counted in the figure);"
                        + " the dispatch (4 db-scheduler threads, 5 stub calls and the scripted submit per job) and one"
                        + " completing poll per job run alongside; %d CPUs%n",
                CLIENTS, WARM_UP, MEASURED, Runtime.getRuntime().availableProcessors());

        Submits warmUp = submit(WARM_UP, tokens, bodies);
        System.out.printf("warm-up: %s%n", warmUp);
        awaitAllEnded(name);

        Submits measured = submit(MEASURED, tokens, bodies);
        int sentDuringWindow = count(name, "remote_job_id IS NOT NULL") - WARM_UP;
        System.out.printf(
                "measured: %s; jobs sent to the remote server by the end of the window %d of %d; load average %.2f%n",
                measured, sentDuringWindow, MEASURED, loadAverage());
        long drainStarted = System.nanoTime();
        awaitAllEnded(name);
        System.out.printf(
                "dispatch backlog drained %.1f s after the last submit (%d jobs completed in all)%n",
                (System.nanoTime() - drainStarted) / 1e9, count(name, "status = 'COMPLETED'"));

        assertThat(warmUp.errors() + measured.errors())
                .as("every submit accepted: the figures are meaningful")
                .isZero();
    }

    @Test
    void remoteStateChangeToJobEvent() {
        String service = unique("bench");
        peers.service(service, true, true);
        UUID user = UUID.randomUUID();
        peers.token(user, service);
        String token = premium(user);
        UUID file = peers.file(user, "VALID", null);
        String prefix = unique("bench-flip");
        AtomicLongArray flippedAt = new AtomicLongArray(FLIPPED_JOBS);
        AtomicLongArray sawAt = new AtomicLongArray(FLIPPED_JOBS);
        Map<String, Integer> indexOfJob = new ConcurrentHashMap<>();
        for (int i = 0; i < FLIPPED_JOBS; i++) {
            int index = i;
            String name = prefix + "-" + i;
            remote.script(name).statusesFrom(() -> {
                if (flippedAt.get(index) == 0) {
                    return running("Imputation");
                }
                sawAt.compareAndSet(index, 0, System.nanoTime());
                return COMPLETED;
            });
            String id = body(call("POST", "/api/v1/jobs", token, submission(name, service, file)), 201)
                    .get("id")
                    .asString();
            indexOfJob.put(id, index);
        }
        await().atMost(Duration.ofMinutes(2)).until(() -> count(prefix, "status = 'RUNNING'") == FLIPPED_JOBS);
        await().atMost(Duration.ofMinutes(2)).until(() -> pendingEvents() == 0);
        System.out.printf(
                "%nEvent latency benchmark: %d RUNNING jobs flipped to COMPLETED %d ms apart; outbox relay-interval"
                        + " %d ms (the default, fixed delay between passes), batch-size %d; poll-interval %s,"
                        + " db-scheduler polling-interval %s; the other running jobs keep being polled meanwhile%n",
                FLIPPED_JOBS,
                FLIP_SPACING.toMillis(),
                outbox.relayInterval().toMillis(),
                outbox.batchSize(),
                environment.getProperty("fedimpute.jobs.poll-interval"),
                environment.getProperty("db-scheduler.polling-interval"));

        long[] arrivedAt = new long[FLIPPED_JOBS];
        AtomicInteger arrived = new AtomicInteger();
        AtomicBoolean reading = new AtomicBoolean(true);
        Thread reader = Thread.ofVirtual().start(() -> {
            String last = lastStreamId();
            while (reading.get()) {
                List<MapRecord<String, Object, Object>> records = redis.opsForStream()
                        .read(
                                StreamReadOptions.empty()
                                        .block(Duration.ofMillis(500))
                                        .count(500),
                                StreamOffset.create(JOBS_STREAM, ReadOffset.from(last)));
                long now = System.nanoTime();
                for (MapRecord<String, Object, Object> record :
                        records == null ? List.<MapRecord<String, Object, Object>>of() : records) {
                    last = record.getId().getValue();
                    String subject = json.readTree(
                                    record.getValue().get("event").toString())
                            .get("subject")
                            .asString();
                    Integer index = indexOfJob.get(subject);
                    if (index != null
                            && "job.completed".equals(record.getValue().get("type"))) {
                        arrivedAt[index] = now;
                        arrived.incrementAndGet();
                    }
                }
            }
        });
        try {
            long start = System.nanoTime();
            for (int i = 0; i < FLIPPED_JOBS; i++) {
                LockSupport.parkNanos(start + i * FLIP_SPACING.toNanos() - System.nanoTime());
                flippedAt.set(i, System.nanoTime());
            }
            await().atMost(Duration.ofMinutes(2)).until(() -> arrived.get() == FLIPPED_JOBS);
        } finally {
            reading.set(false);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> !reader.isAlive());

        long[] flipToPoll = new long[FLIPPED_JOBS];
        long[] pollToEvent = new long[FLIPPED_JOBS];
        for (int i = 0; i < FLIPPED_JOBS; i++) {
            flipToPoll[i] = sawAt.get(i) - flippedAt.get(i);
            pollToEvent[i] = arrivedAt[i] - sawAt.get(i);
        }
        System.out.printf(
                "poll that saw COMPLETED -> job.completed in the stream: %s (target: under 1 s)%n"
                        + "state flipped -> the poll that saw it: %s (the poll interval and db-scheduler's pick-up);"
                        + " load average %.2f%n",
                spread(pollToEvent), spread(flipToPoll), loadAverage());
        assertThat(Arrays.stream(pollToEvent).min().orElseThrow())
                .as("every event came after the poll that caused it")
                .isPositive();
    }

    /** Posts {@code total} submissions from {@link #CLIENTS} concurrent clients, each as its own user. */
    private Submits submit(int total, String[] tokens, String[] bodies) {
        long[] latencies = new long[total];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        long cpuBefore = processCpuNanos();
        long started = System.nanoTime();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int client = 0; client < CLIENTS; client++) {
                int me = client;
                clients.execute(() -> {
                    for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                        long sent = System.nanoTime();
                        try {
                            HttpResponse<String> response = call("POST", "/api/v1/jobs", tokens[me], bodies[me]);
                            if (response.statusCode() != 201) {
                                errors.incrementAndGet();
                            }
                        } catch (AssertionError e) {
                            errors.incrementAndGet();
                        }
                        latencies[i] = System.nanoTime() - sent;
                    }
                });
            }
        }
        double wallSeconds = (System.nanoTime() - started) / 1e9;
        return new Submits(total, wallSeconds, latencies, errors.get(), (processCpuNanos() - cpuBefore) / 1e6 / total);
    }

    private void awaitAllEnded(String name) {
        await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> count(name, "status NOT IN ('COMPLETED', 'FAILED', 'CANCELLED')") == 0);
    }

    /** The benchmark's jobs whose name starts with {@code prefix} and that match the condition. */
    private int count(String prefix, String condition) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM imputation_job WHERE name LIKE ? AND " + condition, Integer.class, prefix + "%");
    }

    private int pendingEvents() {
        return jdbc.queryForObject("SELECT count(*) FROM event_outbox WHERE published_at IS NULL", Integer.class);
    }

    private String lastStreamId() {
        List<MapRecord<String, Object, Object>> last = redis.opsForStream()
                .reverseRange(JOBS_STREAM, Range.unbounded(), Limit.limit().count(1));
        return last == null || last.isEmpty() ? "0-0" : last.getFirst().getId().getValue();
    }

    /** The CPU time of this JVM: job-processor, the WireMock peers and the clients. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** p50, p95 and max of durations in nanoseconds, in milliseconds. */
    private static String spread(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return "p50 %.0f ms, p95 %.0f ms, max %.0f ms"
                .formatted(
                        percentile(sorted, 0.50) / 1e6,
                        percentile(sorted, 0.95) / 1e6,
                        sorted[sorted.length - 1] / 1e6);
    }

    private static long percentile(long[] sorted, double fraction) {
        return sorted[Math.max(0, (int) Math.ceil(fraction * sorted.length) - 1)];
    }

    /**
     * One run of submissions: its wall time, each call's latency in nanoseconds, the calls not answered 201, and the
     * JVM's CPU time per submit (everything in it, dispatch and stubs included) in milliseconds.
     */
    private record Submits(int total, double wallSeconds, long[] latencies, int errors, double cpuMillisPerSubmit) {

        @Override
        public String toString() {
            long[] sorted = latencies.clone();
            Arrays.sort(sorted);
            return "%d submits in %.2f s = %.0f submits/s (target 200), latency p50 %.1f ms, p99 %.1f ms, max %.1f ms,"
                            .formatted(
                                    total,
                                    wallSeconds,
                                    total / wallSeconds,
                                    percentile(sorted, 0.50) / 1e6,
                                    percentile(sorted, 0.99) / 1e6,
                                    sorted[sorted.length - 1] / 1e6)
                    + " errors %d, JVM CPU %.1f ms per submit".formatted(errors, cpuMillisPerSubmit);
        }
    }
}
