package org.fedimpute.notifications.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fedimpute.events.JobQueued;
import org.fedimpute.notifications.NotificationServiceApplication;
import org.fedimpute.notifications.NotificationTestSupport;
import org.fedimpute.notifications.TestSmtp;
import org.fedimpute.notifications.UserServiceStub;
import org.fedimpute.notifications.inapp.InAppNotifications;
import org.fedimpute.notifications.inapp.NewNotification;
import org.fedimpute.notifications.live.SseClient.Event;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The live stream over real HTTP: order, resume after {@code Last-Event-ID} without gaps or repeats, only the
 * caller's own notifications, fan-out from another instance over Redis pub/sub, heartbeats, and cleanup.
 */
@TestPropertySource(properties = "fedimpute.notifications.live.heartbeat=200ms")
class LiveStreamTests extends NotificationTestSupport {

    static final String STREAM = "/api/v1/notifications/stream";
    private static final Duration QUIET = Duration.ofMillis(700);

    @Autowired
    private InAppNotifications notifications;

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private JdbcConnectionDetails database;

    @Autowired
    private DataRedisConnectionDetails redisServer;

    @Test
    void eventsArriveInOrderAsTheNotificationsTheyAre() {
        UUID user = UUID.randomUUID();
        try (SseClient client = connect(user, null)) {
            assertThat(client.response().headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
            for (int position = 0; position < 5; position++) {
                events.publish(new JobQueued(UUID.randomUUID(), user, UUID.randomUUID(), position, Instant.now()));
            }
            List<Event> received = client.next(5, PATIENCE);

            assertThat(received).extracting(Event::type).containsOnly("job.queued");
            assertThat(received).extracting(Event::number).isSorted().doesNotHaveDuplicates();
            assertThat(received)
                    .extracting(event -> data(event).get("body"))
                    .containsExactly(
                            "Your job waits for a free slot at position 0.",
                            "Your job waits for a free slot at position 1.",
                            "Your job waits for a free slot at position 2.",
                            "Your job waits for a free slot at position 3.",
                            "Your job waits for a free slot at position 4.");
            assertThat(data(received.getFirst())).containsKeys("id", "title", "link", "createdAt");
            assertThat(client.poll(QUIET)).isNull();
        }
    }

    @Test
    void aReconnectWithLastEventIdGetsExactlyTheMissedOnesThenLiveOnes() {
        UUID user = UUID.randomUUID();
        List<Event> first;
        try (SseClient client = connect(user, null)) {
            create(user, "before-1", "before-2", "before-3");
            first = client.next(3, PATIENCE);
        }
        create(user, "missed-1", "missed-2", "missed-3", "missed-4");

        try (SseClient client = connect(user, first.get(1).id())) {
            assertThat(client.next(5, PATIENCE))
                    .extracting(this::title)
                    .containsExactly("before-3", "missed-1", "missed-2", "missed-3", "missed-4");
            create(user, "live-1");
            Event live = client.next(PATIENCE);
            assertThat(title(live)).isEqualTo("live-1");
            assertThat(client.poll(QUIET)).isNull();

            try (SseClient resumed =
                    connect(user, STREAM + "?lastEventId=" + first.get(2).id(), null)) {
                assertThat(resumed.next(5, PATIENCE))
                        .extracting(this::title)
                        .containsExactly("missed-1", "missed-2", "missed-3", "missed-4", "live-1");
                assertThat(resumed.poll(QUIET)).isNull();
            }
        }
    }

    @Test
    void anotherUsersNotificationsNeverArrive() {
        UUID owner = UUID.randomUUID();
        UUID stranger = UUID.randomUUID();
        try (SseClient ownerStream = connect(owner, null);
                SseClient strangerStream = connect(stranger, null)) {
            create(stranger, "theirs-1", "theirs-2", "theirs-3");
            create(owner, "mine");
            assertThat(strangerStream.next(3, PATIENCE))
                    .extracting(this::title)
                    .containsExactly("theirs-1", "theirs-2", "theirs-3");
            assertThat(title(ownerStream.next(PATIENCE))).isEqualTo("mine");
            assertThat(ownerStream.poll(QUIET)).isNull();
        }
        try (SseClient replay = connect(owner, "0")) {
            assertThat(replay.next(1, PATIENCE)).extracting(this::title).containsExactly("mine");
            assertThat(replay.poll(QUIET)).isNull();
        }
    }

    @Test
    void aNotificationCreatedOnAnotherInstanceReachesAClientOfThisOne() {
        UUID user = UUID.randomUUID();
        try (ConfigurableApplicationContext other = secondInstance("immediate");
                SseClient here = connect(user, null);
                SseClient there = SseClient.connect(portOf(other), STREAM, TOKENS.researcher(user), null)) {
            other.getBean(InAppNotifications.class).create(notification(user, "from-the-other-instance"));
            assertThat(title(here.next(PATIENCE))).isEqualTo("from-the-other-instance");
            assertThat(title(there.next(PATIENCE))).isEqualTo("from-the-other-instance");

            create(user, "from-this-instance");
            assertThat(title(there.next(PATIENCE))).isEqualTo("from-this-instance");
            assertThat(title(here.next(PATIENCE))).isEqualTo("from-this-instance");
        }
    }

    /**
     * Clients are always connected, so an instance whose graceful shutdown waited for its streams would wait out its
     * whole shutdown timeout every time, and then cut them.
     */
    @Test
    void anInstanceShuttingDownEndsItsStreamsCleanlyAndTheClientResumesOnAnother() {
        UUID user = UUID.randomUUID();
        ConfigurableApplicationContext other = secondInstance("graceful");
        try (SseClient there = SseClient.connect(portOf(other), STREAM, TOKENS.researcher(user), null)) {
            other.getBean(InAppNotifications.class).create(notification(user, "before the shutdown"));
            String lastEventId = there.next(PATIENCE).id();
            Thread shutdown = Thread.ofPlatform().start(other::close);

            await().atMost(PATIENCE).until(there::ended);
            assertThat(there.endedCleanly())
                    .as("ended by the service, not cut when its web server stopped")
                    .isTrue();
            await().atMost(PATIENCE).until(() -> !shutdown.isAlive());

            create(user, "after the shutdown");
            try (SseClient resumed = connect(user, lastEventId)) {
                assertThat(title(resumed.next(PATIENCE))).isEqualTo("after the shutdown");
            }
        } finally {
            other.close();
        }
    }

    @Test
    void idleStreamsGetHeartbeatsAndClosedOnesAreForgotten() {
        await().atMost(PATIENCE).until(() -> openStreams() == 0);
        try (SseClient client = connect(UUID.randomUUID(), null)) {
            await().atMost(PATIENCE).until(() -> openStreams() == 1);
            await().atMost(PATIENCE).until(() -> client.comments() >= 3);
            assertThat(client.poll(Duration.ZERO)).isNull();

            client.close();
            await().atMost(PATIENCE).until(() -> openStreams() == 0);
        }
    }

    @Test
    void aBadLastEventIdIsAProblemAndAStreamNeedsAToken() {
        HttpResponse<String> malformed =
                calls.call("GET", STREAM + "?lastEventId=yesterday", TOKENS.researcher(UUID.randomUUID()), null);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("\"field\":\"lastEventId\"");
        assertThat(calls.call("GET", STREAM, null, null).statusCode()).isEqualTo(401);
    }

    private SseClient connect(UUID user, String lastEventId) {
        return connect(user, STREAM, lastEventId);
    }

    private SseClient connect(UUID user, String path, String lastEventId) {
        return SseClient.connect(port, path, TOKENS.researcher(user), lastEventId);
    }

    private void create(UUID user, String... titles) {
        for (String title : titles) {
            notifications.create(notification(user, title));
        }
    }

    static NewNotification notification(UUID user, String title) {
        return new NewNotification(
                UUID.randomUUID().toString(), user, "job.started", title, "Body of " + title, null, Instant.now());
    }

    private Map<String, Object> data(Event event) {
        @SuppressWarnings("unchecked")
        Map<String, Object> data = json.readValue(event.data(), Map.class);
        return data;
    }

    private String title(Event event) {
        return (String) data(event).get("title");
    }

    private double openStreams() {
        return meters.get("fedimpute.notifications.streams.open").gauge().value();
    }

    /**
     * Another instance of the service on the same database and Redis, as a second replica would run, shutting down
     * {@code immediate}ly or {@code graceful}ly.
     */
    private ConfigurableApplicationContext secondInstance(String shutdown) {
        return new SpringApplicationBuilder(NotificationServiceApplication.class)
                .web(WebApplicationType.SERVLET)
                .initializers(context -> {
                    context.getBeanFactory().registerSingleton("embeddedJdbcConnectionDetails", database);
                    context.getBeanFactory().registerSingleton("embeddedRedisConnectionDetails", redisServer);
                })
                // As command-line arguments, which outrank the platform starter's local defaults.
                .run(
                        "--server.port=0",
                        "--server.shutdown=" + shutdown,
                        "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + TOKENS.jwksUri(),
                        "--fedimpute.notifications.users-url=" + UserServiceStub.baseUrl(),
                        "--fedimpute.service-client.token-uri=" + UserServiceStub.baseUrl()
                                + "/internal/service-tokens",
                        "--spring.mail.port=" + TestSmtp.port());
    }

    private static int portOf(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
