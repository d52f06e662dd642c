package org.fedimpute.notifications.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fedimpute.events.JobCompleted;
import org.fedimpute.events.JobQueued;
import org.fedimpute.events.JobStarted;
import org.fedimpute.events.JobSubmitted;
import org.fedimpute.notifications.EventStreams;
import org.fedimpute.notifications.MailParts;
import org.fedimpute.notifications.NotificationServiceApplication;
import org.fedimpute.notifications.TestSmtp;
import org.fedimpute.notifications.UserServiceStub;
import org.fedimpute.test.infra.EmbeddedInfra;
import org.fedimpute.test.security.TestJwtIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The loss test: 1,000 job events are produced while notification-service is stopped (its context closed); the
 * next instance to start finds them in the stream through its consumer groups, and every in-app notification
 * exists exactly once and every mail arrives exactly once.
 */
class ConsumerRestartLossTests {

    private static final int USERS = 5;
    private static final int JOBS = 250;

    @Test
    void eventsProducedWhileTheServiceIsDownAreEachNotifiedAndMailedExactlyOnce() {
        EmbeddedInfra.DatabaseAccess database =
                EmbeddedInfra.createDatabase("ConsumerRestartLossTests", "notifications");
        int redisDatabase = EmbeddedInfra.nextRedisDatabase();
        List<UUID> users = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            users.add(UserServiceStub.researcher());
        }
        LettuceConnectionFactory connections = new LettuceConnectionFactory(redisConfiguration(redisDatabase));
        connections.afterPropertiesSet();
        connections.start();
        try {
            EventStreams producer = new EventStreams(
                    new StringRedisTemplate(connections), JsonMapper.builder().build());

            ConfigurableApplicationContext first = start(database, redisDatabase);
            JdbcTemplate firstJdbc = first.getBean(JdbcTemplate.class);
            producer.publish(new JobSubmitted(
                    UUID.randomUUID(),
                    users.getFirst(),
                    UUID.randomUUID(),
                    "before",
                    "panel",
                    "hg38",
                    1,
                    Instant.now()));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> firstJdbc.queryForObject("SELECT count(*) FROM notification", Integer.class) == 1);
            first.close();

            Map<UUID, Integer> expectedMails = new HashMap<>();
            expectedMails.put(users.getFirst(), 1);
            for (int job = 0; job < JOBS; job++) {
                UUID user = users.get(job % USERS);
                UUID id = UUID.randomUUID();
                UUID service = UUID.randomUUID();
                Instant at = Instant.now();
                producer.publish(new JobSubmitted(id, user, service, "loss-" + job, "panel", "hg38", 1, at));
                producer.publish(new JobQueued(id, user, service, 1, at));
                producer.publish(new JobStarted(id, user, service, "r-" + job, at));
                producer.publish(new JobCompleted(id, user, service, List.of(UUID.randomUUID()), at));
                expectedMails.merge(user, 3, Integer::sum);
            }

            long restarted = System.nanoTime();
            ConfigurableApplicationContext second = start(database, redisDatabase);
            try {
                JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> jdbc.queryForObject("SELECT count(*) FROM notification", Integer.class)
                                == 1 + 4 * JOBS);
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> expectedMails.entrySet().stream()
                                .allMatch(entry -> TestSmtp.to(UserServiceStub.emailOf(entry.getKey()))
                                                .size()
                                        >= entry.getValue()));
                double seconds = (System.nanoTime() - restarted) / 1e9;
                System.out.printf(
                        "Loss test: %d notifications and %d mails %.1f s after the restart%n",
                        4 * JOBS, 3 * JOBS, seconds);
                await().during(Duration.ofSeconds(1))
                        .atMost(Duration.ofSeconds(10))
                        .until(() -> jdbc.queryForObject(
                                        "SELECT count(*) FROM mail_outbox WHERE state = 'SENT'", Integer.class)
                                == 1 + 3 * JOBS);

                assertThat(jdbc.queryForObject(
                                "SELECT count(DISTINCT (event_id, user_id)) FROM notification", Integer.class))
                        .isEqualTo(1 + 4 * JOBS);
                assertThat(jdbc.queryForObject("SELECT count(*) FROM mail_outbox", Integer.class))
                        .isEqualTo(1 + 3 * JOBS);
                expectedMails.forEach((user, count) -> {
                    List<String> subjects = TestSmtp.to(UserServiceStub.emailOf(user)).stream()
                            .map(message -> MailParts.of(message).subject())
                            .toList();
                    assertThat(subjects).as("mails to " + user).hasSize(count).doesNotHaveDuplicates();
                });
            } finally {
                second.close();
            }
        } finally {
            connections.destroy();
        }
    }

    private static RedisStandaloneConfiguration redisConfiguration(int redisDatabase) {
        RedisStandaloneConfiguration configuration =
                new RedisStandaloneConfiguration("127.0.0.1", EmbeddedInfra.redisPort());
        configuration.setDatabase(redisDatabase);
        return configuration;
    }

    private static ConfigurableApplicationContext start(EmbeddedInfra.DatabaseAccess database, int redisDatabase) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.port", 0);
        properties.put("server.shutdown", "immediate");
        properties.put("spring.datasource.url", database.jdbcUrl());
        properties.put("spring.datasource.username", database.username());
        properties.put("spring.datasource.password", database.password());
        properties.put("spring.data.redis.host", "127.0.0.1");
        properties.put("spring.data.redis.port", EmbeddedInfra.redisPort());
        properties.put("spring.data.redis.database", redisDatabase);
        properties.put(
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                TestJwtIssuer.get().jwksUri());
        properties.put("fedimpute.notifications.users-url", UserServiceStub.baseUrl());
        properties.put("fedimpute.service-client.token-uri", UserServiceStub.baseUrl() + "/internal/service-tokens");
        properties.put("spring.mail.port", TestSmtp.port());
        // As command-line arguments, which outrank the platform starter's local defaults.
        ConfigurableApplicationContext context = new SpringApplicationBuilder(NotificationServiceApplication.class)
                .run(properties.entrySet().stream()
                        .map(property -> "--" + property.getKey() + "=" + property.getValue())
                        .toArray(String[]::new));
        EmbeddedInfra.track(context::isActive);
        return context;
    }
}
