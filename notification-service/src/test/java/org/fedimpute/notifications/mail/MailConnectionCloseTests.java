package org.fedimpute.notifications.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.UUID;
import java.util.stream.IntStream;
import org.fedimpute.events.JobSubmitted;
import org.fedimpute.notifications.NotificationTestSupport;
import org.fedimpute.notifications.TestSmtp;
import org.fedimpute.notifications.UserServiceStub;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * SMTP takes every mail of a batch and then the connection fails as it closes: the mails were sent, so none is sent
 * again. The failure is the one Spring's {@code JavaMailSenderImpl} raises then, with no mail named as failed.
 */
class MailConnectionCloseTests extends NotificationTestSupport {

    private static final int MAILS = 3;

    @MockitoSpyBean
    private JavaMailSender smtp;

    @Test
    void mailsSmtpTookAreNotSentAgainWhenClosingTheConnectionFails() {
        doAnswer(send -> {
                    send.callRealMethod();
                    throw new MailSendException(
                            "Failed to close server connection after message sending",
                            new MessagingException("connection reset after QUIT"));
                })
                .when(smtp)
                .send(any(MimeMessage[].class));
        UUID user = UserServiceStub.researcher();
        String address = UserServiceStub.emailOf(user);

        IntStream.range(0, MAILS)
                .forEach(i -> events.publish(new JobSubmitted(
                        UUID.randomUUID(), user, UUID.randomUUID(), "close-" + i, "panel", "hg38", 1, Instant.now())));

        awaitMails(address, MAILS);
        await().atMost(PATIENCE)
                .until(() -> jdbc.queryForList("SELECT state FROM mail_outbox WHERE user_id = ?", String.class, user)
                        .equals(Collections.nCopies(MAILS, "SENT")));
        // Retries come after mail.backoff (seconds); none may come.
        await().during(Duration.ofSeconds(3))
                .atMost(PATIENCE)
                .until(() -> TestSmtp.to(address).size() == MAILS);
        assertThat(jdbc.queryForList("SELECT attempts FROM mail_outbox WHERE user_id = ?", Integer.class, user))
                .as("each sent on its first attempt")
                .containsOnly(1);
    }
}
