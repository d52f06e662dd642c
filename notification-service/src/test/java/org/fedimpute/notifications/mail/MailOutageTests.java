package org.fedimpute.notifications.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.fedimpute.events.JobSubmitted;
import org.fedimpute.notifications.MailParts;
import org.fedimpute.notifications.NotificationTestSupport;
import org.fedimpute.notifications.TestSmtp;
import org.fedimpute.notifications.UserServiceStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

/**
 * An SMTP outage loses nothing and sends nothing twice: the outbox retries with backoff until the server is back.
 * The service logs in to SMTP here, and its password appears in no log line and no stored error.
 */
@TestPropertySource(properties = {"spring.mail.username=" + TestSmtp.USER, "spring.mail.password=" + TestSmtp.PASSWORD})
@ExtendWith(OutputCaptureExtension.class)
class MailOutageTests extends NotificationTestSupport {

    private static final int MAILS = 5;

    @Autowired
    private MeterRegistry meters;

    @AfterEach
    void smtpBackUp() {
        TestSmtp.up();
    }

    @Test
    void mailsQueuedWhileSmtpIsDownArriveOnceItIsBackEachExactlyOnce(CapturedOutput output) {
        TestSmtp.down();
        UUID user = UserServiceStub.researcher();
        String address = UserServiceStub.emailOf(user);
        double retriedBefore = counter("fedimpute.notifications.mails.retried");
        double sentBefore = sent();
        assertThat(meters.find("fedimpute.notifications.mails.sent").counters())
                .as("one series per template, before any is sent")
                .hasSize(MailTemplate.values().length);
        IntStream.range(0, MAILS)
                .forEach(i -> events.publish(new JobSubmitted(
                        UUID.randomUUID(), user, UUID.randomUUID(), "outage-" + i, "panel", "hg38", 1, Instant.now())));

        await().atMost(PATIENCE)
                .until(() -> jdbc.queryForObject(
                                "SELECT count(*) FROM mail_outbox WHERE user_id = ? AND state = 'PENDING'"
                                        + " AND attempts >= 2 AND last_error IS NOT NULL",
                                Integer.class,
                                user)
                        == MAILS);
        assertThat(counter("fedimpute.notifications.mails.retried") - retriedBefore)
                .isGreaterThanOrEqualTo(2 * MAILS);
        assertThat(jdbc.queryForList("SELECT last_error FROM mail_outbox WHERE user_id = ?", String.class, user))
                .allSatisfy(error -> assertThat(error).isNotBlank().doesNotContain(TestSmtp.PASSWORD));

        TestSmtp.up();
        List<MailParts> mails = awaitMails(address, MAILS);
        await().during(Duration.ofSeconds(1))
                .atMost(PATIENCE)
                .until(() -> TestSmtp.to(address).size() == MAILS);
        assertThat(mails.stream().map(MailParts::subject).distinct()).hasSize(MAILS);
        assertThat(jdbc.queryForList("SELECT state FROM mail_outbox WHERE user_id = ?", String.class, user))
                .hasSize(MAILS)
                .containsOnly("SENT");
        assertThat(sent() - sentBefore).isGreaterThanOrEqualTo(MAILS);
        assertThat(meters.get("fedimpute.notifications.mails.latency").timer().count())
                .isGreaterThanOrEqualTo(MAILS);
        assertThat(output.getAll()).contains("SMTP did not take").doesNotContain(TestSmtp.PASSWORD);
    }

    private double sent() {
        return meters.get("fedimpute.notifications.mails.sent")
                .tag("template", "job-submitted")
                .counter()
                .count();
    }

    private double counter(String name) {
        return meters.get(name).counter().count();
    }
}
