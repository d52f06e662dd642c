package org.fedimpute.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.fedimpute.test.infra.DedicatedRedis;
import org.fedimpute.test.security.TestJwtIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Hourly allowances counted in a real Redis that this class owns, so that it can stop Redis in the middle and show
 * the gateway keeps serving and limiting in its own memory, says so once, and goes back to Redis when it returns.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "fedimpute.gateway.rate-limit.anonymous=3",
            "fedimpute.gateway.rate-limit.free=5",
            "fedimpute.gateway.rate-limit.premium=8",
            "fedimpute.gateway.rate-limit.redis-timeout=1s",
            "fedimpute.gateway.rate-limit.redis-retry-interval=200ms",
            "fedimpute.gateway.rate-limit.unsynchronized-requests=3",
            "fedimpute.gateway.rate-limit.unsynchronized-time=1s"
        })
@ExtendWith(OutputCaptureExtension.class)
class RateLimitTests {

    private static final EchoUpstream upstream = new EchoUpstream("echo");
    private static final TestJwtIssuer issuer = TestJwtIssuer.get();
    private static final DedicatedRedis redis = DedicatedRedis.start();
    private static final int redisPort = redis.port();

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        for (String service : List.of("users", "registry", "jobs", "files", "notifications", "monitoring")) {
            registry.add("fedimpute.gateway.upstream." + service, upstream::url);
        }
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", issuer::jwksUri);
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", () -> redisPort);
    }

    @AfterAll
    static void stopServers() {
        upstream.close();
        redis.stop();
    }

    @Test
    void anonymousCallersAreCountedPerClientIpAndStoppedWith429() {
        GatewayCalls first = GatewayCalls.from("127.0.0.2", port);
        for (int remaining = 2; remaining >= 0; remaining--) {
            HttpResponse<String> response = first.get("/api/v1/services");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("X-RateLimit-Limit")).hasValue("3");
            assertThat(response.headers().firstValue("X-RateLimit-Remaining")).hasValue(Integer.toString(remaining));
            assertThat(resetSeconds(response)).isBetween(1L, 3600L);
        }
        int callsBefore = upstream.calls();
        double rejectedBefore = rejectedCount("anonymous");
        HttpResponse<String> rejected = first.get("/api/v1/services");
        GatewayCalls.assertProblem(rejected, 429);
        assertThat(rejected.headers().firstValue("X-RateLimit-Limit")).hasValue("3");
        assertThat(rejected.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
        assertThat(resetSeconds(rejected)).isBetween(1L, 3600L);
        assertThat(Long.parseLong(rejected.headers().firstValue("Retry-After").orElseThrow()))
                .isBetween(1L, 3600L);
        assertThat(upstream.calls()).isEqualTo(callsBefore);
        assertThat(rejectedCount("anonymous") - rejectedBefore).isEqualTo(1.0);

        HttpResponse<String> otherClient = GatewayCalls.from("127.0.0.3", port).get("/api/v1/services");
        assertThat(otherClient.statusCode()).isEqualTo(200);
        assertThat(otherClient.headers().firstValue("X-RateLimit-Remaining")).hasValue("2");
    }

    @Test
    void usersAreCountedSeparatelyWithTheirTiersLimit() {
        String alice = issuer.researcher(UUID.randomUUID());
        for (int i = 0; i < 5; i++) {
            assertThat(callAs(alice).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> rejected = callAs(alice);
        GatewayCalls.assertProblem(rejected, 429);
        assertThat(rejected.headers().firstValue("Retry-After")).isPresent();
        assertThat(rejectedCount("free")).isGreaterThanOrEqualTo(1.0);
        assertThat(rejectedCount("premium")).as("registered before any refusal").isZero();

        HttpResponse<String> bob = callAs(issuer.researcher(UUID.randomUUID()));
        assertThat(bob.statusCode()).isEqualTo(200);
        assertThat(bob.headers().firstValue("X-RateLimit-Remaining")).hasValue("4");

        String premium =
                issuer.mint(UUID.randomUUID().toString(), List.of("RESEARCHER"), "PREMIUM", Duration.ofMinutes(15));
        HttpResponse<String> carol = callAs(premium);
        assertThat(carol.headers().firstValue("X-RateLimit-Limit")).hasValue("8");
        assertThat(carol.headers().firstValue("X-RateLimit-Remaining")).hasValue("7");
    }

    @Test
    void theChunksOfAResumableUploadAreNotCountedButItsCreationIs() {
        String dana = issuer.researcher(UUID.randomUUID());
        GatewayCalls calls = GatewayCalls.to(port);
        HttpResponse<String> created = calls.send(HttpRequest.newBuilder(calls.uri("/api/v1/files/uploads"))
                .header("Authorization", "Bearer " + dana)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(created.headers().firstValue("X-RateLimit-Remaining")).hasValue("4");

        for (int chunk = 0; chunk < 10; chunk++) {
            HttpResponse<String> patch = calls.send(HttpRequest.newBuilder(calls.uri("/api/v1/files/uploads/abc"))
                    .header("Authorization", "Bearer " + dana)
                    .method("PATCH", HttpRequest.BodyPublishers.ofString("chunk " + chunk))
                    .build());
            assertThat(patch.statusCode()).isEqualTo(200);
            assertThat(patch.headers().firstValue("X-RateLimit-Remaining")).isEmpty();
        }
        HttpResponse<String> offset = calls.send(HttpRequest.newBuilder(calls.uri("/api/v1/files/uploads/abc"))
                .header("Authorization", "Bearer " + dana)
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(offset.headers().firstValue("X-RateLimit-Remaining")).isEmpty();

        HttpResponse<String> deleted = calls.send(HttpRequest.newBuilder(calls.uri("/api/v1/files/uploads/abc"))
                .header("Authorization", "Bearer " + dana)
                .DELETE()
                .build());
        assertThat(deleted.headers().firstValue("X-RateLimit-Remaining")).hasValue("3");
    }

    @Test
    void countsAreKeptInRedisSoThatGatewayInstancesShareThem() {
        UUID user = UUID.randomUUID();
        assertThat(callAs(issuer.researcher(user)).statusCode()).isEqualTo(200);
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + redisPort);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            assertThat(connection.sync().exists("fedimpute:ratelimit:free:" + user))
                    .isEqualTo(1L);
            assertThat(connection.sync().ttl("fedimpute:ratelimit:free:" + user))
                    .isPositive();
        } finally {
            client.shutdown();
        }
        assertThat(fallbackGauge()).isZero();
    }

    @Test
    void aCallersRequestsReachRedisEveryFewRequestsAndAfterTheyStopCalling() throws Exception {
        UUID frank = UUID.randomUUID();
        String token = issuer.researcher(frank);
        assertThat(callAs(token).headers().firstValue("X-RateLimit-Remaining")).hasValue("4");
        assertThat(availableInRedis(frank))
                .as("the first request is counted in Redis")
                .isEqualTo(4);
        for (int remaining = 3; remaining >= 1; remaining--) {
            assertThat(callAs(token).headers().firstValue("X-RateLimit-Remaining"))
                    .hasValue(Integer.toString(remaining));
        }
        assertThat(availableInRedis(frank))
                .as("three requests held in the gateway")
                .isEqualTo(4);
        assertThat(callAs(token).headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
        assertThat(availableInRedis(frank)).as("written with the fourth").isZero();
        GatewayCalls.assertProblem(callAs(token), 429);

        UUID grace = UUID.randomUUID();
        String other = issuer.researcher(grace);
        callAs(other);
        callAs(other);
        assertThat(availableInRedis(grace)).isEqualTo(4);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (availableInRedis(grace) == 4 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(availableInRedis(grace))
                .as("written once she stopped calling")
                .isEqualTo(3);
    }

    @Test
    void adminsAreNeverLimited() {
        String admin = issuer.admin(UUID.randomUUID());
        for (int i = 0; i < 12; i++) {
            HttpResponse<String> response = callAs(admin);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("X-RateLimit-Limit")).isEmpty();
        }
    }

    @Test
    void healthMetricsAndApiDocumentsAreNotLimited() {
        GatewayCalls calls = GatewayCalls.from("127.0.0.4", port);
        for (int i = 0; i < 5; i++) {
            for (String path : List.of("/actuator/health", "/actuator/prometheus", "/v3/api-docs/jobs")) {
                HttpResponse<String> response = calls.get(path);
                assertThat(response.statusCode()).as(path).isEqualTo(200);
                assertThat(response.headers().firstValue("X-RateLimit-Limit"))
                        .as(path)
                        .isEmpty();
            }
        }
    }

    @Test
    void withoutRedisRequestsAreServedAndLimitedLocallyUntilRedisIsBack(CapturedOutput output) throws Exception {
        String before = issuer.researcher(UUID.randomUUID());
        assertThat(callAs(before).headers().firstValue("X-RateLimit-Remaining")).hasValue("4");
        redis.stop();
        try {
            // A caller seen before has a copy of their bucket here, good for a few requests; a new one needs Redis.
            String dana = issuer.researcher(UUID.randomUUID());
            HttpResponse<String> served = callAs(dana);
            assertThat(served.statusCode()).isEqualTo(200);
            assertThat(served.headers().firstValue("X-RateLimit-Remaining")).hasValue("4");
            assertThat(fallbackGauge()).isEqualTo(1.0);
            for (int i = 0; i < 4; i++) {
                assertThat(callAs(dana).statusCode()).isEqualTo(200);
            }
            HttpResponse<String> rejected = callAs(dana);
            GatewayCalls.assertProblem(rejected, 429);
            assertThat(rejected.headers().firstValue("Retry-After")).isPresent();
            assertThat(rejected.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
        } finally {
            redis.restart();
        }
        String erin = issuer.researcher(UUID.randomUUID());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (fallbackGauge() == 1.0 && System.nanoTime() < deadline) {
            assertThat(callAs(erin).statusCode()).isIn(200, 429);
            Thread.sleep(50);
        }
        assertThat(fallbackGauge()).isZero();
        assertThat(countOf(output.getOut(), "Redis did not answer")).isEqualTo(1);
        assertThat(countOf(output.getOut(), "Redis answers again")).isEqualTo(1);
    }

    private HttpResponse<String> callAs(String token) {
        return GatewayCalls.to(port).get("/api/v1/jobs", Map.of("Authorization", "Bearer " + token));
    }

    /** What Redis holds for a FREE user, read as another gateway instance would read it. */
    private long availableInRedis(UUID user) {
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + redisPort);
        try (StatefulRedisConnection<String, byte[]> connection =
                client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE))) {
            BucketConfiguration free = BucketConfiguration.builder()
                    .addLimit(limit -> limit.capacity(5).refillIntervally(5, Duration.ofHours(1)))
                    .build();
            return Bucket4jLettuce.casBasedBuilder(connection)
                    .build()
                    .builder()
                    .build("fedimpute:ratelimit:free:" + user, () -> free)
                    .getAvailableTokens();
        } finally {
            client.shutdown();
        }
    }

    private double fallbackGauge() {
        return meters.get("fedimpute.gateway.ratelimit.fallback").gauge().value();
    }

    private static long resetSeconds(HttpResponse<String> response) {
        return Long.parseLong(response.headers().firstValue("X-RateLimit-Reset").orElseThrow());
    }

    private static int countOf(String text, String needle) {
        return text.split(Pattern.quote(needle), -1).length - 1;
    }

    private double rejectedCount(String tier) {
        return meters.get("fedimpute.gateway.ratelimit.rejected")
                .tag("tier", tier)
                .counter()
                .count();
    }
}
