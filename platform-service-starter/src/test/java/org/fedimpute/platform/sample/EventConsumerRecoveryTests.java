package org.fedimpute.platform.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.fedimpute.events.EventEnvelope;
import org.fedimpute.events.JobFailed;
import org.fedimpute.platform.events.EventHandler;
import org.fedimpute.platform.events.EventOutbox;
import org.fedimpute.test.infra.DedicatedRedis;
import org.fedimpute.test.infra.UseEmbeddedInfra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * A consumer misses nothing it was not there for: events published before it first started, and events published
 * while Redis was away, whose outage it reports once.
 */
@SpringBootTest(
        properties = {
            "fedimpute.events.outbox.enabled=true",
            "fedimpute.events.outbox.relay-interval=100ms",
            "fedimpute.events.consumer.enabled=true",
            "fedimpute.events.consumer.poll-timeout=200ms",
            "fedimpute.events.consumer.claim-idle=300ms",
            // One entry per read or reclaim, so that what was delivered to the consumer spans more than one.
            "fedimpute.events.consumer.batch-size=1"
        })
@UseEmbeddedInfra(redis = false)
@ExtendWith(OutputCaptureExtension.class)
class EventConsumerRecoveryTests {

    private static final String JOBS = "fedimpute.events.jobs";
    private static final String PAUSED = "Event consumer starter-sample.job-failures on " + JOBS + " paused";
    private static final String RESUMED = "Event consumer starter-sample.job-failures on " + JOBS + " reading again";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final DedicatedRedis redis = DedicatedRedis.start();
    private static final List<JobFailed> publishedBeforeStart = List.of(failed(), failed(), failed());

    @Autowired
    EventOutbox outbox;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    StringRedisTemplate redisTemplate;

    @Autowired
    JobFailures failures;

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.port", redis::port);
        registry.add("spring.data.redis.timeout", () -> "2s");
    }

    /**
     * Runs before the application context exists. The first two events are also delivered, already, to the consumer
     * this process will run, as a read whose answer was lost with its connection leaves them: pending with it.
     */
    @BeforeAll
    static void publishBeforeTheConsumerStarts() throws UnknownHostException {
        JsonMapper json = JsonMapper.builder().build();
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + redis.port());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            for (JobFailed event : publishedBeforeStart) {
                EventEnvelope<JobFailed> envelope = EventEnvelope.wrap("/job-processor", event);
                connection
                        .sync()
                        .xadd(
                                JOBS,
                                Map.of(
                                        "id",
                                        envelope.id(),
                                        "type",
                                        envelope.type(),
                                        "event",
                                        json.writeValueAsString(envelope)));
            }
            String group = "starter-sample.job-failures";
            String ownConsumer = "starter-sample@" + InetAddress.getLocalHost().getHostName() + ":"
                    + ProcessHandle.current().pid();
            connection.sync().xgroupCreate(XReadArgs.StreamOffset.from(JOBS, "0"), group);
            connection
                    .sync()
                    .xreadgroup(
                            io.lettuce.core.Consumer.from(group, ownConsumer),
                            XReadArgs.Builder.count(2),
                            XReadArgs.StreamOffset.lastConsumed(JOBS));
        } finally {
            client.shutdown();
        }
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @Test
    void aConsumerStartedAfterEventsWerePublishedStillGetsThemAndWhatWasDeliveredToItFirst() {
        await().atMost(WAIT).until(() -> failures.seen.containsAll(publishedBeforeStart));
        assertThat(failures.seen.subList(0, publishedBeforeStart.size()))
                .as("the entries already delivered to this consumer before the newer one")
                .containsExactlyElementsOf(publishedBeforeStart);
        assertThat(failures.seen).doesNotHaveDuplicates();
    }

    @Test
    void aRedisOutageIsReportedOnceAndTheEventsPublishedDuringItArrive(CapturedOutput output) {
        await().atMost(WAIT).until(this::caughtUp);

        redis.stop();
        JobFailed duringOutage = failed();
        transaction.executeWithoutResult(status -> outbox.publish(duringOutage));
        await().atMost(WAIT).until(() -> output.getOut().contains(PAUSED));
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> occurrences(output.getOut(), PAUSED) == 1);

        redis.restart();
        await().atMost(WAIT).until(() -> failures.seen.contains(duringOutage));
        await().atMost(WAIT).until(() -> output.getOut().contains(RESUMED));
        assertThat(occurrences(output.getOut(), PAUSED)).isEqualTo(1);
    }

    private boolean caughtUp() {
        String last = redisTemplate.opsForStream().info(JOBS).lastGeneratedId();
        return redisTemplate.opsForStream().groups(JOBS).stream()
                .anyMatch(group -> group.lastDeliveredId().equals(last) && group.pendingCount() == 0);
    }

    private static int occurrences(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    private static JobFailed failed() {
        return new JobFailed(
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                "remote server said no",
                Instant.now().truncatedTo(ChronoUnit.MICROS));
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Handlers {

        @Bean
        JobFailures jobFailures() {
            return new JobFailures();
        }
    }

    /** Remembers the failed jobs it is told about. */
    static class JobFailures {

        final List<JobFailed> seen = new CopyOnWriteArrayList<>();

        @EventHandler(consumer = "job-failures")
        void on(JobFailed event) {
            seen.add(event);
        }
    }
}
