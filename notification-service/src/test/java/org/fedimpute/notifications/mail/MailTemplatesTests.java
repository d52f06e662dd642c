package org.fedimpute.notifications.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.fedimpute.events.EventEnvelope;
import org.fedimpute.events.EventStream;
import org.fedimpute.events.FileExpiryWarned;
import org.fedimpute.events.JobCancelled;
import org.fedimpute.events.JobCompleted;
import org.fedimpute.events.JobFailed;
import org.fedimpute.events.JobStarted;
import org.fedimpute.events.JobSubmitted;
import org.fedimpute.events.PasswordResetRequested;
import org.fedimpute.events.ServiceHealth;
import org.fedimpute.events.ServiceHealthChanged;
import org.fedimpute.events.UserRegistered;
import org.fedimpute.notifications.MailParts;
import org.fedimpute.notifications.NotificationTestSupport;
import org.fedimpute.notifications.TestSmtp;
import org.fedimpute.notifications.UserServiceStub;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.stream.RecordId;

/**
 * Every mail the platform sends, produced by real events through the real consumers and read back from GreenMail as
 * a mail client would: to the account's own address, with a plain-text and an HTML part, the right facts and links.
 */
class MailTemplatesTests extends NotificationTestSupport {

    private static final String SITE = "https://fedimpute.example.org";

    @Test
    void eachEventMailsTheRightAddressWithBothPartsTheFactsAndTheLinks() {
        UUID user = UserServiceStub.researcher();
        String address = UserServiceStub.emailOf(user);
        UUID service = UUID.randomUUID();
        UUID job = UUID.randomUUID();
        UUID failedJob = UUID.randomUUID();
        UUID cancelledJob = UUID.randomUUID();
        UUID file = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        events.publish(new UserRegistered(user, "Ada Lovelace", now));
        events.publish(new PasswordResetRequested(user, "tok en/+=", now.plus(Duration.ofHours(1))));
        events.publish(
                new JobSubmitted(job, user, service, "chr20 <imputation>", "1000g-phase3", "hg38", 123_456_789L, now));
        events.publish(new JobStarted(job, user, service, "remote-1", now));
        events.publish(new JobCompleted(job, user, service, List.of(UUID.randomUUID(), UUID.randomUUID()), now));
        events.publish(new JobFailed(
                failedJob,
                user,
                service,
                "Input check failed: 2 problems\nchromosome '20' named for hg19 on an hg38 panel\n12 variants on the wrong strand",
                now));
        events.publish(new JobCancelled(cancelledJob, user, service, "cancelled by its owner", now));
        events.publish(new FileExpiryWarned(file, user, "cohort.vcf.gz", now.plus(Duration.ofDays(3))));

        List<MailParts> mails = awaitMails(address, 8);
        assertThat(mails).hasSize(8).allSatisfy(mail -> {
            assertThat(mail.to()).isEqualTo(address);
            assertThat(mail.text()).startsWith("Dear Ada Lovelace,");
            assertThat(mail.html()).contains("Dear <span>Ada Lovelace</span>,").contains("</html>");
        });

        MailParts welcome = mailAbout(mails, "Welcome to FedImpute");
        assertThat(welcome.text()).contains("Open FedImpute: " + SITE + "/");
        assertThat(welcome.html()).contains("href=\"" + SITE + "/\"");

        MailParts reset = mailAbout(mails, "Reset your FedImpute password");
        String resetLink = SITE + "/reset-password?token=tok+en%2F%2B%3D";
        assertThat(reset.text()).contains(resetLink);
        assertThat(reset.html()).contains("href=\"" + resetLink + "\"");

        MailParts submitted = mailAbout(mails, "submitted");
        assertThat(submitted.text())
                .contains("chr20 <imputation>")
                .contains("1000g-phase3")
                .contains("117.7 MB")
                .contains(SITE + "/jobs/" + job);
        assertThat(submitted.html()).contains("chr20 &lt;imputation&gt;").doesNotContain("<imputation>");

        assertThat(mailAbout(mails, "started").subject()).isEqualTo("Job 'chr20 <imputation>' started");

        MailParts completed = mailAbout(mails, "completed");
        String results = SITE + "/jobs/" + job + "/results";
        assertThat(completed.text())
                .contains("2 result file(s)")
                .contains("kept for 14 days")
                .contains(results);
        assertThat(completed.html()).contains("href=\"" + results + "\"").contains("<strong>14</strong> days");

        MailParts failed = mailAbout(mails, "failed");
        assertThat(failed.text())
                .contains("Reason: Input check failed: 2 problems")
                .contains("  - chromosome '20' named for hg19 on an hg38 panel")
                .contains("  - 12 variants on the wrong strand")
                .contains("Check chromosome names")
                .contains("Align your variants to the reference strand")
                .contains(SITE + "/jobs/" + failedJob);
        assertThat(failed.html()).contains("<li>12 variants on the wrong strand</li>");

        assertThat(mailAbout(mails, "cancelled").text())
                .contains("Reason: cancelled by its owner")
                .contains(SITE + "/jobs/" + cancelledJob);
        assertThat(mailAbout(mails, "cohort.vcf.gz").html()).contains("href=\"" + SITE + "/files/" + file + "\"");

        assertThat(UserServiceStub.contactCalls(user)).isEqualTo(1);
        assertThat(notificationsOf(user)).isEqualTo(7);
        assertThat(jdbc.queryForObject(
                        "SELECT model IS NULL FROM mail_outbox WHERE user_id = ? AND template = 'PASSWORD_RESET'",
                        Boolean.class,
                        user))
                .isTrue();
    }

    @Test
    void aServiceGoingDownAlertsEveryAdminAddressButRecoveryDoesNot() {
        String slug = "michigan-" + UUID.randomUUID().toString().substring(0, 8);
        UUID service = UUID.randomUUID();
        events.publish(new ServiceHealthChanged(
                service, slug, ServiceHealth.HEALTHY, ServiceHealth.UNHEALTHY, "connection refused", Instant.now()));
        events.publish(new ServiceHealthChanged(
                service, slug, ServiceHealth.UNHEALTHY, ServiceHealth.HEALTHY, null, Instant.now()));

        for (String admin : List.of("ops@fedimpute.test", "oncall@fedimpute.test")) {
            await().atMost(PATIENCE).until(() -> alertsAbout(admin, slug).size() == 1);
            MailParts alert = alertsAbout(admin, slug).getFirst();
            assertThat(alert.subject()).isEqualTo("Service '" + slug + "' is down");
            assertThat(alert.text())
                    .startsWith("Hello,")
                    .contains("Error: connection refused")
                    .contains("HEALTHY");
            assertThat(alert.html()).contains("href=\"" + SITE + "/admin/services/" + slug + "\"");
        }
        await().during(Duration.ofMillis(500))
                .atMost(PATIENCE)
                .until(() -> alertsAbout("ops@fedimpute.test", slug).size() == 1);
    }

    @Test
    void aRedeliveredEventGivesOneNotificationAndOneMail() {
        UUID user = UserServiceStub.researcher();
        EventEnvelope<JobSubmitted> envelope = EventEnvelope.wrap(
                "/job-processor",
                new JobSubmitted(
                        UUID.randomUUID(), user, UUID.randomUUID(), "twice", "panel", "hg38", 10, Instant.now()));
        events.append(envelope);
        RecordId again = events.append(envelope);

        await().atMost(PATIENCE).until(() -> delivered(EventStream.JOBS, "notification-service.job-notices", again));
        List<MailParts> mails = awaitMails(UserServiceStub.emailOf(user), 1);
        await().during(Duration.ofMillis(500))
                .atMost(PATIENCE)
                .until(() -> TestSmtp.to(UserServiceStub.emailOf(user)).size() == 1);
        assertThat(mails)
                .singleElement()
                .satisfies(mail -> assertThat(mail.subject()).contains("twice"));
        assertThat(notificationsOf(user)).isEqualTo(1);
    }

    @Test
    void aDisabledAccountIsNotMailedButStillSeesItsNotifications() {
        UUID user = UUID.randomUUID();
        String address = UserServiceStub.emailOf(user);
        UserServiceStub.contact(user, address, false);
        events.publish(new JobStarted(UUID.randomUUID(), user, UUID.randomUUID(), "r", Instant.now()));

        await().atMost(PATIENCE)
                .until(() -> "DROPPED"
                        .equals(
                                jdbc
                                        .queryForList(
                                                "SELECT state FROM mail_outbox WHERE user_id = ?", String.class, user)
                                        .stream()
                                        .findFirst()
                                        .orElse(null)));
        assertThat(TestSmtp.to(address)).isEmpty();
        assertThat(notificationsOf(user)).isEqualTo(1);
    }

    private static List<MailParts> alertsAbout(String admin, String slug) {
        return TestSmtp.to(admin).stream()
                .map(MailParts::of)
                .filter(mail -> mail.subject().contains(slug))
                .toList();
    }

    private boolean delivered(EventStream stream, String group, RecordId entry) {
        return redis.opsForStream().groups(stream.key()).stream()
                .filter(info -> info.groupName().equals(group))
                .anyMatch(info -> info.lastDeliveredId().equals(entry.getValue()) && info.pendingCount() == 0);
    }
}
