package org.fedimpute.notifications.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.fedimpute.events.JobCancelled;
import org.fedimpute.events.JobStarted;
import org.fedimpute.events.JobSubmitted;
import org.fedimpute.events.UserDeleted;
import org.fedimpute.notifications.NotificationTestSupport;
import org.fedimpute.notifications.UserServiceStub;
import org.junit.jupiter.api.Test;

/**
 * A deleted account is forgotten, and stays forgotten: the events about it that arrive after its {@code user.deleted}
 * (job-processor cancels its unfinished jobs in answer to it) leave no notification, mail or job name behind.
 */
class DeletedAccountTests extends NotificationTestSupport {

    @Test
    void eventsAboutADeletedAccountThatArriveAfterItWasForgottenLeaveNothing() {
        UUID user = UserServiceStub.researcher();
        UUID service = UUID.randomUUID();
        UUID running = UUID.randomUUID();
        events.publish(new JobStarted(running, user, service, "r", Instant.now()));
        await().atMost(PATIENCE).until(() -> notificationsOf(user) == 1);

        String deleted = events.publish(new UserDeleted(user, Instant.now())).id();
        awaitHandled("user-notices", deleted);
        assertThat(notificationsOf(user)).isZero();

        String cancelled = events.publish(
                        new JobCancelled(running, user, service, "cancelled: the account was deleted", Instant.now()))
                .id();
        String submitted = events.publish(new JobSubmitted(
                        UUID.randomUUID(), user, service, "late-job", "panel", "hg38", 1, Instant.now()))
                .id();
        awaitHandled("job-notices", cancelled);
        awaitHandled("job-notices", submitted);

        assertThat(notificationsOf(user)).isZero();
        assertThat(jdbc.queryForList(
                        "SELECT template FROM mail_outbox WHERE user_id = ? AND state <> 'SENT'", String.class, user))
                .isEmpty();
        assertThat(jdbc.queryForList(
                        "SELECT template FROM mail_outbox WHERE user_id = ? AND template IN ('JOB_CANCELLED',"
                                + " 'JOB_SUBMITTED')",
                        String.class,
                        user))
                .isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM known_job WHERE user_id = ?", Integer.class, user))
                .isZero();
    }

    private void awaitHandled(String consumer, String eventId) {
        await().atMost(PATIENCE)
                .until(() -> !jdbc.queryForList(
                                "SELECT 1 FROM processed_event WHERE consumer = ? AND event_id = ?",
                                Integer.class,
                                consumer,
                                eventId)
                        .equals(List.of()));
    }
}
