package org.fedimpute.monitoring;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.fedimpute.events.EventEnvelope;
import org.fedimpute.test.infra.FreePorts;
import org.fedimpute.test.infra.UseEmbeddedInfra;
import org.fedimpute.test.security.TestJwtIssuer;
import org.fedimpute.test.service.ServiceCalls;
import org.fedimpute.test.time.MovableClock;
import org.fedimpute.test.time.MovableClockConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * monitoring-service booted on embedded PostgreSQL and Redis with a movable clock, polling two services and asking the
 * registry and file-manager on {@link PlatformStub}; events reach it through the real streams and consumer groups.
 * A third polled service, {@code closed}, listens nowhere.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UseEmbeddedInfra
@Import(MovableClockConfiguration.class)
public abstract class MonitoringTestSupport {

    protected static final TestJwtIssuer TOKENS = TestJwtIssuer.get();
    protected static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final int CLOSED_PORT = closedPort();

    @LocalServerPort
    protected int port;

    @Autowired
    protected StringRedisTemplate redis;

    @Autowired
    protected JsonMapper json;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected MovableClock clock;

    protected ServiceCalls calls;

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", TOKENS::jwksUri);
        registry.add("fedimpute.service-client.token-uri", () -> PlatformStub.baseUrl() + "/internal/service-tokens");
        registry.add("fedimpute.monitoring.registry-url", PlatformStub::baseUrl);
        registry.add("fedimpute.monitoring.files-url", PlatformStub::baseUrl);
        registry.add("fedimpute.monitoring.services[0].name", () -> "alpha");
        registry.add("fedimpute.monitoring.services[0].base-url", () -> PlatformStub.baseUrl() + "/alpha");
        registry.add("fedimpute.monitoring.services[1].name", () -> "beta");
        registry.add("fedimpute.monitoring.services[1].base-url", () -> PlatformStub.baseUrl() + "/beta");
        registry.add("fedimpute.monitoring.services[2].name", () -> "closed");
        registry.add("fedimpute.monitoring.services[2].base-url", () -> "http://127.0.0.1:" + CLOSED_PORT);
    }

    @BeforeEach
    void connect() {
        calls = new ServiceCalls(port);
    }

    /** Appends the envelope to its stream exactly as a producer's outbox relay does (again, for a redelivery). */
    protected void append(EventEnvelope<?> envelope) {
        redis.opsForStream()
                .add(StreamRecords.newRecord()
                        .in(envelope.eventType().stream().key())
                        .ofMap(Map.of(
                                "id", UUID.randomUUID().toString(),
                                "type", envelope.type(),
                                "event", json.writeValueAsString(envelope))));
    }

    protected HttpResponse<String> get(String path, String token) {
        return calls.call("GET", path, token, null);
    }

    /** A GET that must answer 200, as JSON. */
    protected JsonNode read(String path, String token) {
        HttpResponse<String> response = get(path, token);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }

    protected static String admin() {
        return TOKENS.admin(UUID.randomUUID());
    }

    protected static String researcher() {
        return TOKENS.researcher(UUID.randomUUID());
    }

    /** Waits until the registry's catalogue (see {@link PlatformStub}) has been read at start-up. */
    protected void awaitCatalogue() {
        await().atMost(PATIENCE)
                .until(() -> jdbc.queryForObject(
                                "SELECT count(*) FROM external_service WHERE name IS NOT NULL", Integer.class)
                        == 2);
    }

    /** How many events the consumer has handled. */
    protected int handled(String consumer) {
        return jdbc.queryForObject("SELECT count(*) FROM processed_event WHERE consumer = ?", Integer.class, consumer);
    }

    private static int closedPort() {
        try {
            return FreePorts.find();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
