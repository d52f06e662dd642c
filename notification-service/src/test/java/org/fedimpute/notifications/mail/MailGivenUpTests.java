package org.fedimpute.notifications.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.fedimpute.events.JobSubmitted;
import org.fedimpute.events.PasswordResetRequested;
import org.fedimpute.notifications.NotificationTestSupport;
import org.fedimpute.notifications.TestSmtp;
import org.fedimpute.notifications.UserServiceStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** A mail given up after its last attempt keeps what the operators need, but no reset link's token. */
@TestPropertySource(properties = "fedimpute.notifications.mail.max-attempts=2")
class MailGivenUpTests extends NotificationTestSupport {

    @AfterEach
    void smtpBackUp() {
        TestSmtp.up();
    }

    @Test
    void aResetMailGivenUpKeepsNoTokenWhileOtherMailsKeepTheirModel() {
        TestSmtp.down();
        UUID user = UserServiceStub.researcher();
        String token = "reset-token-" + UUID.randomUUID();
        events.publish(new PasswordResetRequested(user, token, Instant.now().plus(Duration.ofMinutes(30))));
        events.publish(new JobSubmitted(
                UUID.randomUUID(), user, UUID.randomUUID(), "given-up-job", "panel", "hg38", 1, Instant.now()));

        await().atMost(PATIENCE)
                .until(() -> jdbc.queryForObject(
                                "SELECT count(*) FROM mail_outbox WHERE user_id = ? AND state = 'FAILED'",
                                Integer.class,
                                user)
                        == 2);

        Map<String, Object> reset = jdbc.queryForMap(
                "SELECT model::text AS model, last_error FROM mail_outbox WHERE user_id = ? AND template = 'PASSWORD_RESET'",
                user);
        assertThat(reset.get("model")).isNull();
        assertThat((String) reset.get("last_error")).isNotBlank();
        assertThat(jdbc.queryForObject(
                        "SELECT model::text FROM mail_outbox WHERE user_id = ? AND template = 'JOB_SUBMITTED'",
                        String.class,
                        user))
                .contains("given-up-job");
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM mail_outbox WHERE model::text LIKE ?", Integer.class, "%" + token + "%"))
                .isZero();
    }
}
