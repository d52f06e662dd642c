package org.fedimpute.notifications.mail;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.fedimpute.notifications.preferences.DeliveryPreferences;
import org.fedimpute.notifications.preferences.DeliverySchedule;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Queues mails in the event handler's own transaction, so that a mail exists if and only if its event was handled,
 * once per event, recipient and template; nothing here talks to SMTP, which {@link OutboxSender} does later.
 */
@Service
public class MailOutbox {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final DeliveryPreferences preferences;
    private final Clock clock;

    MailOutbox(JdbcClient jdbc, JsonMapper json, DeliveryPreferences preferences, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.preferences = preferences;
        this.clock = clock;
    }

    /**
     * Queues the mail: a tunable one to a user who asked for the daily digest is held for it, one that falls in
     * their quiet hours waits for their end; anything else may go at once.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void queue(QueuedMail mail) {
        Instant now = Instant.now(clock);
        String state = "PENDING";
        Instant notBefore = now;
        if (mail.userId() != null && mail.template().tunable()) {
            DeliverySchedule schedule = preferences.scheduleOf(mail.userId());
            if (schedule.dailyDigest()) {
                state = "DIGEST";
            } else {
                notBefore = schedule.heldUntil(now);
            }
        }
        insert(mail, state, now, notBefore);
    }

    /** Drops a deleted user's mails that have not gone out yet. */
    public void forget(UUID userId) {
        jdbc.sql("DELETE FROM mail_outbox WHERE user_id = ? AND state IN ('PENDING', 'DIGEST')")
                .param(userId)
                .update();
    }

    void insert(QueuedMail mail, String state, Instant now, Instant notBefore) {
        jdbc.sql("INSERT INTO mail_outbox (id, event_id, template, user_id, address, subject, summary, model,"
                        + " occurred_at, queued_at, state, not_before) VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)"
                        + " ON CONFLICT DO NOTHING")
                .params(
                        UUID.randomUUID(),
                        mail.eventId(),
                        mail.template().name(),
                        mail.userId(),
                        mail.address(),
                        mail.subject(),
                        mail.summary(),
                        json.writeValueAsString(mail.model()),
                        Timestamp.from(mail.occurredAt()),
                        Timestamp.from(now),
                        state,
                        Timestamp.from(notBefore))
                .update();
    }
}
