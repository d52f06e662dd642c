package org.fedimpute.notifications.mail;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fedimpute.notifications.config.NotificationProperties;
import org.fedimpute.notifications.preferences.DeliveryPreferences;
import org.fedimpute.notifications.preferences.DeliverySchedule;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns the mails held for users' daily digests into one digest mail each, once the digest hour (in the user's
 * time zone) has come round since the oldest held mail; the digest then goes out through the outbox like any mail.
 * A digest is named by the first mail it holds, not by its day alone: a held mail whose transaction committed just
 * after that day's digest was made goes out in a second digest rather than being marked digested in none.
 */
@Component
class DailyDigests {

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final MailOutbox outbox;
    private final DeliveryPreferences preferences;
    private final NotificationProperties properties;
    private final Clock clock;

    DailyDigests(
            JdbcClient jdbc,
            TransactionTemplate transaction,
            MailOutbox outbox,
            DeliveryPreferences preferences,
            NotificationProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.outbox = outbox;
        this.preferences = preferences;
        this.properties = properties;
        this.clock = clock;
    }

    /** Queues the digests that are due; answers how many. */
    int collect() {
        List<UUID> users = jdbc.sql("SELECT DISTINCT user_id FROM mail_outbox WHERE state = 'DIGEST'")
                .query(UUID.class)
                .list();
        int queued = 0;
        for (UUID user : users) {
            if (Boolean.TRUE.equals(transaction.execute(status -> collect(user)))) {
                queued++;
            }
        }
        return queued;
    }

    private boolean collect(UUID user) {
        Instant now = Instant.now(clock);
        List<Map<String, Object>> held = jdbc.sql("SELECT id, subject, summary, queued_at FROM mail_outbox"
                        + " WHERE user_id = ? AND state = 'DIGEST' ORDER BY occurred_at, id FOR UPDATE SKIP LOCKED")
                .param(user)
                .query()
                .listOfRows();
        if (held.isEmpty()) {
            return false;
        }
        DeliverySchedule schedule = preferences.scheduleOf(user);
        Instant oldest = held.stream()
                .map(row -> ((Timestamp) row.get("queued_at")).toInstant())
                .min(Instant::compareTo)
                .orElseThrow();
        Instant due = schedule.nextDigestAfter(oldest, properties.digestHour());
        if (due.isAfter(now)) {
            return false;
        }
        for (Map<String, Object> row : held) {
            jdbc.sql("UPDATE mail_outbox SET state = 'DIGESTED' WHERE id = ?")
                    .param(row.get("id"))
                    .update();
        }
        List<Map<String, Object>> items = held.stream()
                .map(row -> Map.<String, Object>of("subject", row.get("subject"), "summary", row.get("summary")))
                .toList();
        String day = due.atZone(schedule.timeZone()).toLocalDate().toString();
        outbox.insert(
                new QueuedMail(
                        "digest:" + user + ":" + day + ":" + held.getFirst().get("id"),
                        MailTemplate.DAILY_DIGEST,
                        user,
                        null,
                        "Your FedImpute digest for " + day + ": " + items.size() + " updates",
                        items.size() + " updates",
                        Map.of("items", items, "day", day),
                        due),
                "PENDING",
                now,
                now);
        return true;
    }
}
