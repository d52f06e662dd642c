package org.fedimpute.jobs.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.fedimpute.jobs.ScriptedRemoteServer.running;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fedimpute.events.EventStream;
import org.fedimpute.jobs.JobsApiTest;
import org.fedimpute.jobs.ScriptedRemoteServer;
import org.fedimpute.test.infra.DedicatedRedis;
import org.fedimpute.test.infra.UseEmbeddedInfra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Jobs go on changing state while Redis is down: their events wait in the outbox, and once Redis is back every job's
 * events are on the jobs stream, in the order the job went through them.
 *
 * <p>The test's Redis of its own keeps an append-only file, as a Redis whose streams must survive a restart does, so
 * the events relayed before the outage are still there after it: the outbox answers for the events Redis never got,
 * persistence for those it had.
 */
@UseEmbeddedInfra(redis = false)
@DirtiesContext
class JobEventsRedisOutageTests extends JobsApiTest {

    private static final int JOBS = 10;
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final List<String> LIFE = List.of("job.submitted", "job.queued", "job.started", "job.completed");

    @TempDir
    static Path redisData;

    private static DedicatedRedis redis;

    @Autowired
    private StringRedisTemplate streams;

    @BeforeAll
    static void startRedis() {
        redis = DedicatedRedis.startPersistent(redisData);
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    /** This context's Redis is the test's own, with time limits short enough to notice the outage quickly. */
    @DynamicPropertySource
    static void ownRedis(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", () -> redis.port());
        registry.add("spring.data.redis.timeout", () -> "500ms");
        registry.add("fedimpute.events.consumer.poll-timeout", () -> "200ms");
        registry.add("fedimpute.events.outbox.relay-interval", () -> "100ms");
    }

    @Test
    void jobsThatFinishWhileRedisIsDownHaveEveryEventOnTheStreamInOrderOnceItIsBack() {
        UUID user = UUID.randomUUID();
        String token = premium(user);
        String service = unique("outage");
        peers.service(service, true, true);
        Map<String, ScriptedRemoteServer.Script> scripts = new LinkedHashMap<>();
        for (int n = 0; n < JOBS; n++) {
            String name = unique("outage-job");
            ScriptedRemoteServer.Script script = remote.script(name).statuses(running("Imputation"));
            scripts.put(submitJob(user, token, name, service).get("id").asString(), script);
        }
        List<String> jobs = List.copyOf(scripts.keySet());
        jobs.forEach(job -> awaitStatus(job, token, "RUNNING"));
        await().atMost(WAIT).until(() -> pending() == 0);

        redis.stop();
        scripts.values().forEach(script -> script.completesWith(Map.of()));
        jobs.forEach(job -> awaitStatus(job, token, "COMPLETED"));
        assertThat(jdbc.queryForList(
                        "SELECT subject FROM event_outbox WHERE published_at IS NULL AND type = 'job.completed'",
                        String.class))
                .containsExactlyInAnyOrderElementsOf(jobs);

        redis.restart();
        await().atMost(WAIT).until(() -> pending() == 0 && completedOnTheStream() == JOBS);

        Map<String, List<String>> lives = lives();
        assertThat(lives).containsOnlyKeys(jobs);
        jobs.forEach(job -> assertThat(lives.get(job)).as(job).containsExactlyElementsOf(LIFE));
    }

    private int pending() {
        return jdbc.queryForObject("SELECT count(*) FROM event_outbox WHERE published_at IS NULL", Integer.class);
    }

    private long completedOnTheStream() {
        return lives().values().stream()
                .filter(life -> life.contains("job.completed"))
                .count();
    }

    /**
     * Each job's event types as the jobs stream holds them, oldest first, without progress reports, and with an event
     * the relay appended more than once (it delivers at least once) counted at its first appearance.
     */
    private Map<String, List<String>> lives() {
        Set<String> seen = new HashSet<>();
        Map<String, List<String>> byJob = new HashMap<>();
        for (MapRecord<String, Object, Object> entry :
                streams.opsForStream().range(EventStream.JOBS.key(), Range.unbounded())) {
            Map<Object, Object> fields = entry.getValue();
            String type = fields.get("type").toString();
            if (!type.equals("job.progressed") && seen.add(fields.get("id").toString())) {
                String job = json.readTree(fields.get("event").toString())
                        .get("subject")
                        .asString();
                byJob.computeIfAbsent(job, key -> new ArrayList<>()).add(type);
            }
        }
        return byJob;
    }
}
