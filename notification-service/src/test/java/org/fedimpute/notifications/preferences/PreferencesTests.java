package org.fedimpute.notifications.preferences;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import org.fedimpute.events.JobCompleted;
import org.fedimpute.events.JobFailed;
import org.fedimpute.events.JobStarted;
import org.fedimpute.events.JobSubmitted;
import org.fedimpute.events.UserRegistered;
import org.fedimpute.notifications.MailParts;
import org.fedimpute.notifications.NotificationTestSupport;
import org.fedimpute.notifications.TestSmtp;
import org.fedimpute.notifications.UserServiceStub;
import org.junit.jupiter.api.Test;

/** Preferences are kept and respected: a channel turned off stays silent, quiet hours hold mail, digests collect. */
class PreferencesTests extends NotificationTestSupport {

    private static final String PATH = "/api/v1/notifications/preferences";

    @Test
    void defaultsAreEverythingOnAndAPutIsReadBack() {
        UUID user = UUID.randomUUID();
        Map<String, Object> defaults = read(call("GET", PATH, user, null));
        assertThat(defaults).containsEntry("dailyDigest", false).containsEntry("timeZone", "UTC");
        assertThat((Map<?, ?>) defaults.get("events")).hasSize(DeliveryPreferences.TUNABLE_EVENT_TYPES.size());
        assertThat(((Map<?, ?>) defaults.get("events")).get("job.completed"))
                .isEqualTo(Map.of("email", true, "inApp", true));

        HttpResponse<String> put = call("PUT", PATH, user, """
                {"events":{"job.started":{"email":false,"inApp":true}},
                 "quietHours":{"from":"22:00","until":"07:00"},"timeZone":"Europe/Berlin","dailyDigest":true}
                """);
        assertThat(put.statusCode()).isEqualTo(200);
        Map<String, Object> saved = read(call("GET", PATH, user, null));
        assertThat(saved)
                .containsEntry("timeZone", "Europe/Berlin")
                .containsEntry("dailyDigest", true)
                .containsEntry("quietHours", Map.of("from", "22:00:00", "until", "07:00:00"));
        assertThat(((Map<?, ?>) saved.get("events")).get("job.started"))
                .isEqualTo(Map.of("email", false, "inApp", true));
        assertThat(read(call("GET", PATH, UUID.randomUUID(), null))).containsEntry("dailyDigest", false);
    }

    @Test
    void savesOfOneUsersPreferencesSentAtOnceAreEachAnsweredAndOneOfThemWins() throws Exception {
        UUID user = UUID.randomUUID();
        String mailOff = "{\"events\":{\"job.started\":{\"email\":false,\"inApp\":true},"
                + "\"job.failed\":{\"email\":false,\"inApp\":true}}}";
        String inAppOff = "{\"events\":{\"job.started\":{\"email\":true,\"inApp\":false},"
                + "\"job.failed\":{\"email\":true,\"inApp\":false}}}";
        for (int round = 0; round < 20; round++) {
            try (var saves = Executors.newFixedThreadPool(2)) {
                var first = saves.submit(() -> call("PUT", PATH, user, mailOff).statusCode());
                var second =
                        saves.submit(() -> call("PUT", PATH, user, inAppOff).statusCode());
                assertThat(List.of(first.get(), second.get())).containsOnly(200);
            }
            Map<?, ?> events = (Map<?, ?>) read(call("GET", PATH, user, null)).get("events");
            assertThat(events.get("job.started")).isEqualTo(events.get("job.failed"));
        }
    }

    @Test
    void badPreferencesAreProblemsNamingTheField() {
        UUID user = UUID.randomUUID();
        HttpResponse<String> unknownType =
                call("PUT", PATH, user, "{\"events\":{\"job.exploded\":{\"email\":true,\"inApp\":true}}}");
        assertThat(unknownType.statusCode()).isEqualTo(400);
        assertThat(unknownType.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(unknownType.body()).contains("\"field\":\"events\"");
        assertThat(call("PUT", PATH, user, "{\"timeZone\":\"Mars/Olympus\"}").body())
                .contains("\"field\":\"timeZone\"");
        assertThat(call("PUT", PATH, user, "{\"quietHours\":{\"from\":\"22:00\"}}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(call("PUT", PATH, user, "{\"quietHours\":{\"from\":\"25:99\",\"until\":\"07:00\"}}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(call("GET", PATH, user, null).body()).contains("\"dailyDigest\":false");
        String serviceToken = TOKENS.mint("job-processor", List.of("SERVICE"), null, Duration.ofMinutes(5));
        HttpResponse<String> noUser = calls.call("GET", PATH, serviceToken, null);
        assertThat(noUser.statusCode()).as("a service's token names no user").isEqualTo(403);
        assertThat(calls.call("GET", "/api/v1/notifications", serviceToken, null)
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void aChannelTurnedOffCarriesNothingAndTheOtherStillDoes() {
        UUID user = UserServiceStub.researcher();
        String address = UserServiceStub.emailOf(user);
        call("PUT", PATH, user, """
                {"events":{"job.started":{"email":false,"inApp":true},
                           "job.completed":{"email":true,"inApp":false}}}
                """);
        UUID job = UUID.randomUUID();
        events.publish(new JobStarted(job, user, UUID.randomUUID(), "r", Instant.now()));
        events.publish(new JobCompleted(job, user, UUID.randomUUID(), List.of(), Instant.now()));
        events.publish(new UserRegistered(user, "Ada", Instant.now()));

        List<MailParts> mails = awaitMails(address, 2);
        await().during(Duration.ofMillis(600))
                .atMost(PATIENCE)
                .until(() -> TestSmtp.to(address).size() == 2);
        assertThat(mails).extracting(MailParts::subject).noneMatch(subject -> subject.contains("started"));
        assertThat(mails).extracting(MailParts::subject).anyMatch(subject -> subject.contains("completed"));
        assertThat(jdbc.queryForList("SELECT event_type FROM notification WHERE user_id = ?", String.class, user))
                .containsExactlyInAnyOrder("job.started", "user.registered");
    }

    @Test
    void mailsInQuietHoursAreHeldUntilTheyEndThenSent() {
        UUID user = UserServiceStub.researcher();
        String address = UserServiceStub.emailOf(user);
        LocalTime now = LocalTime.ofInstant(clock.instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        call("PUT", PATH, user, """
                {"quietHours":{"from":"%s","until":"%s"},"timeZone":"UTC"}
                """.formatted(now.minusHours(1), now.plusHours(1)));

        events.publish(new JobStarted(UUID.randomUUID(), user, UUID.randomUUID(), "r", Instant.now()));
        await().atMost(PATIENCE).until(() -> notificationsOf(user) == 1);
        await().during(Duration.ofMillis(800))
                .atMost(PATIENCE)
                .until(() -> TestSmtp.to(address).isEmpty());
        Instant heldUntil = jdbc.queryForObject(
                        "SELECT not_before FROM mail_outbox WHERE user_id = ?", java.sql.Timestamp.class, user)
                .toInstant();
        assertThat(heldUntil).isAfter(clock.instant().plus(Duration.ofMinutes(50)));

        clock.advance(Duration.ofMinutes(61));
        assertThat(awaitMails(address, 1))
                .singleElement()
                .satisfies(mail -> assertThat(mail.subject()).contains("started"));
    }

    @Test
    void aDailyDigestCollectsTheDaysMailsIntoOneAndAMailLateForItIntoAnother() {
        UUID user = UserServiceStub.researcher();
        String address = UserServiceStub.emailOf(user);
        call("PUT", PATH, user, "{\"dailyDigest\":true,\"timeZone\":\"Asia/Tokyo\"}");
        UUID job = UUID.randomUUID();
        UUID service = UUID.randomUUID();
        events.publish(new JobSubmitted(job, user, service, "digest-job", "panel", "hg38", 1, Instant.now()));
        events.publish(new JobStarted(job, user, service, "r", Instant.now()));
        events.publish(new JobFailed(UUID.randomUUID(), user, service, "server timeout", Instant.now()));
        events.publish(new UserRegistered(user, "Ada", Instant.now()));

        assertThat(awaitMails(address, 1))
                .singleElement()
                .satisfies(mail -> assertThat(mail.subject()).isEqualTo("Welcome to FedImpute"));
        await().atMost(PATIENCE)
                .until(() -> jdbc.queryForObject(
                                "SELECT count(*) FROM mail_outbox WHERE user_id = ? AND state = 'DIGEST'",
                                Integer.class,
                                user)
                        == 3);
        await().during(Duration.ofMillis(600))
                .atMost(PATIENCE)
                .until(() -> TestSmtp.to(address).size() == 1);

        clock.advance(Duration.ofHours(25));
        List<MailParts> mails = awaitMails(address, 2);
        await().during(Duration.ofMillis(600))
                .atMost(PATIENCE)
                .until(() -> TestSmtp.to(address).size() == 2);
        MailParts digest = mailAbout(mails, "digest");
        assertThat(digest.subject()).endsWith(": 3 updates");
        assertThat(digest.text())
                .contains("Job 'digest-job' submitted")
                .contains("Job 'digest-job' started")
                .contains("failed")
                .contains("server timeout");
        assertThat(digest.html()).contains("digest-job").contains("server timeout");
        assertThat(jdbc.queryForList(
                        "SELECT state FROM mail_outbox WHERE user_id = ? AND template <> 'WELCOME'",
                        String.class,
                        user))
                .containsExactlyInAnyOrder("DIGESTED", "DIGESTED", "DIGESTED", "SENT");

        // A mail of the same day whose transaction committed only after that day's digest was made.
        Timestamp heldYesterday = Timestamp.from(clock.instant().minus(Duration.ofHours(25)));
        jdbc.update(
                "INSERT INTO mail_outbox (id, event_id, template, user_id, subject, summary, model, occurred_at,"
                        + " queued_at, state, not_before) VALUES (?, ?, 'JOB_COMPLETED', ?, 'Job ''late-job'' completed',"
                        + " 'Job ''late-job'' completed', '{}'::jsonb, ?, ?, 'DIGEST', ?)",
                UUID.randomUUID(),
                UUID.randomUUID().toString(),
                user,
                heldYesterday,
                heldYesterday,
                heldYesterday);
        MailParts late = mailAbout(awaitMails(address, 3), "1 updates");
        assertThat(late.subject()).isEqualTo(digest.subject().replace("3 updates", "1 updates"));
        assertThat(late.text()).contains("late-job");
    }
}
