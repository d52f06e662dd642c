package org.fedimpute.notifications;

import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * notification-service booted on embedded PostgreSQL and Redis, sending to GreenMail and asking a stubbed
 * user-service for addresses, with a movable clock; events reach it through the real streams and consumers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UseEmbeddedInfra
@Import(MovableClockConfiguration.class)
public abstract class NotificationTestSupport {

    protected static final TestJwtIssuer TOKENS = TestJwtIssuer.get();
    protected static final Duration PATIENCE = Duration.ofSeconds(20);

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

    protected EventStreams events;
    protected ServiceCalls calls;

    @DynamicPropertySource
    static void peers(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", TOKENS::jwksUri);
        registry.add("fedimpute.notifications.users-url", UserServiceStub::baseUrl);
        registry.add(
                "fedimpute.service-client.token-uri", () -> UserServiceStub.baseUrl() + "/internal/service-tokens");
        registry.add("spring.mail.port", TestSmtp::port);
    }

    @BeforeEach
    void connect() {
        events = new EventStreams(redis, json);
        calls = new ServiceCalls(port);
    }

    /** Waits until the address has received {@code count} mails, and answers them. */
    protected static List<MailParts> awaitMails(String address, int count) {
        await().atMost(PATIENCE).until(() -> TestSmtp.to(address).size() >= count);
        return TestSmtp.to(address).stream().map(MailParts::of).toList();
    }

    /** The one mail to the address whose subject contains the text. */
    protected static MailParts mailAbout(List<MailParts> mails, String subject) {
        List<MailParts> matching =
                mails.stream().filter(mail -> mail.subject().contains(subject)).toList();
        if (matching.size() != 1) {
            throw new AssertionError("Expected one mail about '" + subject + "', got "
                    + mails.stream().map(MailParts::subject).toList());
        }
        return matching.getFirst();
    }

    protected HttpResponse<String> call(String method, String path, UUID user, String body) {
        return calls.call(method, path, TOKENS.researcher(user), body);
    }

    @SuppressWarnings("unchecked")
    protected Map<String, Object> read(HttpResponse<String> response) {
        return json.readValue(response.body(), Map.class);
    }

    protected int notificationsOf(UUID user) {
        return jdbc.queryForObject("SELECT count(*) FROM notification WHERE user_id = ?", Integer.class, user);
    }
}
