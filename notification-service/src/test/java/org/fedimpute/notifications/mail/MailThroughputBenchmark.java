package org.fedimpute.notifications.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.fedimpute.events.JobCompleted;
import org.fedimpute.notifications.NotificationTestSupport;
import org.fedimpute.notifications.TestSmtp;
import org.fedimpute.notifications.UserServiceStub;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Mails per second from event to GreenMail (target: 100/s): job-completed events through the consumer, the outbox
 * and the sender's batched SMTP sessions. Run with {@code -Dgroups=benchmark -DexcludedGroups=}.
 */
@Tag("benchmark")
class MailThroughputBenchmark extends NotificationTestSupport {

    private static final int MAILS = 2_000;

    @Test
    void mailsPerSecondToSmtp() {
        UUID user = UserServiceStub.researcher();
        String address = UserServiceStub.emailOf(user);
        long start = System.nanoTime();
        for (int i = 0; i < MAILS; i++) {
            events.publish(new JobCompleted(UUID.randomUUID(), user, UUID.randomUUID(), List.of(), Instant.now()));
        }
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> notificationsOf(user) == MAILS);
        double handled = (System.nanoTime() - start) / 1e9;
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> TestSmtp.to(address).size() >= MAILS);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "Mail throughput: %d events handled in %.1f s; %d mails accepted by SMTP in %.1f s = %.0f mails/s"
                        + " (target 100/s)%n",
                MAILS, handled, MAILS, seconds, MAILS / seconds);
        assertThat(TestSmtp.to(address)).hasSize(MAILS);
    }
}
