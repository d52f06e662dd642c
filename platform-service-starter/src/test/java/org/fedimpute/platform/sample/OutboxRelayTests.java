package org.fedimpute.platform.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.fedimpute.events.UserRegistered;
import org.fedimpute.platform.events.EventOutbox;
import org.fedimpute.platform.events.OutboxRelay;
import org.fedimpute.test.infra.DedicatedRedis;
import org.fedimpute.test.infra.UseEmbeddedInfra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/** Events reach their stream only when their transaction commits, and wait out a Redis outage without loss. */
@SpringBootTest(properties = {"fedimpute.events.outbox.enabled=true", "fedimpute.events.outbox.relay-interval=100ms"})
@UseEmbeddedInfra(redis = false)
class OutboxRelayTests {

    private static final String STREAM = "fedimpute.events.users";
    private static final DedicatedRedis redis = DedicatedRedis.start();

    @Autowired
    EventOutbox outbox;

    @Autowired
    OutboxRelay relay;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    StringRedisTemplate redisTemplate;

    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.port", redis::port);
        registry.add("spring.data.redis.timeout", () -> "500ms");
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @Test
    void anEventIsPublishedOnlyIfItsTransactionCommitsAndSurvivesARedisOutage() {
        UUID committed = UUID.randomUUID();
        transaction.executeWithoutResult(status -> outbox.publish(registered(committed)));
        UUID rolledBack = UUID.randomUUID();
        transaction.executeWithoutResult(status -> {
            outbox.publish(registered(rolledBack));
            status.setRollbackOnly();
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> streamMentions(committed));
        assertThat(streamMentions(rolledBack)).isFalse();

        redis.stop();
        UUID duringOutage = UUID.randomUUID();
        transaction.executeWithoutResult(status -> outbox.publish(registered(duringOutage)));
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5)).until(() -> pending() == 1);

        redis.restart();
        await().atMost(Duration.ofSeconds(15)).until(() -> pending() == 0);
        assertThat(redisTemplate.opsForStream().size(STREAM)).isEqualTo(1);
        assertThat(streamMentions(duringOutage)).isTrue();
    }

    private boolean streamMentions(UUID userId) {
        return redisTemplate.opsForStream().range(STREAM, org.springframework.data.domain.Range.unbounded()).stream()
                .anyMatch(record -> record.getValue().get("event").toString().contains(userId.toString()));
    }

    private int pending() {
        return jdbc.queryForObject("SELECT count(*) FROM event_outbox WHERE published_at IS NULL", Integer.class);
    }

    private static UserRegistered registered(UUID userId) {
        return new UserRegistered(userId, "Ada", Instant.now());
    }
}
