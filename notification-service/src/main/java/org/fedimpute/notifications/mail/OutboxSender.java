package org.fedimpute.notifications.mail;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fedimpute.notifications.config.NotificationProperties;
import org.fedimpute.notifications.contacts.Contact;
import org.fedimpute.notifications.contacts.UserContacts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Drains the mail outbox: takes the due mails ({@code FOR UPDATE SKIP LOCKED}, so instances share the work and never
 * send the same row), renders them for the recipient's current address, sends a batch over one SMTP connection and
 * marks each sent in its own row in the same transaction. A mail SMTP refuses, or whose recipient cannot be looked
 * up, waits with exponential backoff and is given up after {@code max-attempts}. A crash between SMTP accepting a
 * mail and the commit would send that mail again on the next pass: the one gap no outbox can close.
 */
@Component
class OutboxSender {

    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
    private static final TypeReference<Map<String, Object>> MODEL = new TypeReference<>() {};
    private static final List<String> SENSITIVE = Arrays.stream(MailTemplate.values())
            .filter(MailTemplate::sensitive)
            .map(MailTemplate::name)
            .toList();

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final JavaMailSender smtp;
    private final MailRenderer renderer;
    private final UserContacts contacts;
    private final NotificationProperties properties;
    private final JsonMapper json;
    private final Clock clock;
    private final Counter retried;
    private final Counter failed;
    private final Timer latency;
    private final Map<MailTemplate, Counter> sent = new EnumMap<>(MailTemplate.class);

    OutboxSender(
            JdbcClient jdbc,
            TransactionTemplate transaction,
            JavaMailSender smtp,
            MailRenderer renderer,
            UserContacts contacts,
            NotificationProperties properties,
            JsonMapper json,
            Clock clock,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.smtp = smtp;
        this.renderer = renderer;
        this.contacts = contacts;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
        this.retried = Counter.builder("fedimpute.notifications.mails.retried")
                .description("Mail attempts that failed and were scheduled again")
                .register(meters);
        this.failed = Counter.builder("fedimpute.notifications.mails.failed")
                .description("Mails given up after their last attempt")
                .register(meters);
        this.latency = Timer.builder("fedimpute.notifications.mails.latency")
                .description("From the event's occurrence to the mail accepted by SMTP")
                .publishPercentileHistogram()
                .register(meters);
        for (MailTemplate template : MailTemplate.values()) {
            sent.put(
                    template,
                    Counter.builder("fedimpute.notifications.mails.sent")
                            .description("Mails accepted by SMTP")
                            .tag("template", template.file())
                            .register(meters));
        }
    }

    /** One pass: sends due mails, batch after batch, until none is due; answers how many rows it handled. */
    int drain() {
        int handled = 0;
        int batch;
        do {
            batch = transaction.execute(status -> sendBatch());
            handled += batch;
        } while (batch == properties.mail().batchSize());
        return handled;
    }

    private int sendBatch() {
        Instant now = Instant.now(clock);
        List<OutboxRow> rows = jdbc.sql("SELECT id, template, user_id, address, subject, model::text AS model,"
                        + " occurred_at, attempts FROM mail_outbox WHERE state = 'PENDING' AND not_before <= ?"
                        + " ORDER BY not_before, id LIMIT ? FOR UPDATE SKIP LOCKED")
                .params(Timestamp.from(now), properties.mail().batchSize())
                .query((row, i) -> new OutboxRow(
                        row.getObject("id", UUID.class),
                        MailTemplate.valueOf(row.getString("template")),
                        row.getObject("user_id", UUID.class),
                        row.getString("address"),
                        row.getString("subject"),
                        row.getString("model"),
                        row.getTimestamp("occurred_at").toInstant(),
                        row.getInt("attempts")))
                .list();
        Map<MimeMessage, OutboxRow> messages = new IdentityHashMap<>();
        for (OutboxRow row : rows) {
            try {
                Contact contact =
                        row.userId() == null ? new Contact(row.address(), null, true) : contacts.find(row.userId());
                if (!contact.active()) {
                    jdbc.sql("UPDATE mail_outbox SET state = 'DROPPED', model = NULL WHERE id = ?")
                            .param(row.id())
                            .update();
                    continue;
                }
                messages.put(message(row, contact), row);
            } catch (RuntimeException | MessagingException e) {
                failedAttempt(row, e, now);
            }
        }
        if (messages.isEmpty()) {
            return rows.size();
        }
        Map<Object, Exception> failures = Map.of();
        try {
            smtp.send(messages.keySet().toArray(MimeMessage[]::new));
        } catch (MailSendException e) {
            // JavaMailSender names each mail SMTP did not take, and all that follow a lost connection. It names none
            // when SMTP took every mail and only closing the connection failed: those mails were sent, and sending
            // them again would deliver each twice.
            failures = e.getFailedMessages();
            if (failures.isEmpty()) {
                log.warn("SMTP took all {} mails, then closing the connection failed: {}", messages.size(), reason(e));
            } else {
                log.warn(
                        "SMTP did not take {} of {} mails; they are tried again with backoff: {}",
                        failures.size(),
                        messages.size(),
                        reason(e));
            }
        } catch (MailException e) {
            failures = allFailed(messages, e);
            log.warn("SMTP did not take {} mails; they are tried again with backoff: {}", messages.size(), reason(e));
        }
        Instant accepted = Instant.now(clock);
        List<OutboxRow> sentRows = new ArrayList<>();
        for (Map.Entry<MimeMessage, OutboxRow> entry : messages.entrySet()) {
            Exception failure = failures.get(entry.getKey());
            if (failure == null) {
                sentRows.add(entry.getValue());
            } else {
                failedAttempt(entry.getValue(), failure, accepted);
            }
        }
        sent(sentRows, accepted);
        return rows.size();
    }

    private MimeMessage message(OutboxRow row, Contact contact) throws MessagingException {
        Map<String, Object> model = new HashMap<>(row.model() == null ? Map.of() : json.readValue(row.model(), MODEL));
        model.put("name", contact.name());
        model.put("publicUrl", properties.publicUrl());
        MailRenderer.Bodies bodies = renderer.render(row.template(), model);
        MimeMessage message = smtp.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
        helper.setFrom(properties.from());
        helper.setTo(contact.email());
        helper.setSubject(row.subject());
        helper.setText(bodies.text(), bodies.html());
        message.setHeader("X-FedImpute-Mail", row.template().file());
        return message;
    }

    /** Marks the batch's sent mails in one statement, erasing the models of sensitive ones. */
    private void sent(List<OutboxRow> rows, Instant accepted) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.sql("UPDATE mail_outbox SET state = 'SENT', sent_at = :accepted, attempts = attempts + 1,"
                        + " last_error = NULL, model = CASE WHEN template IN (:sensitive) THEN NULL ELSE model END"
                        + " WHERE id IN (:ids)")
                .param("accepted", Timestamp.from(accepted))
                .param("sensitive", SENSITIVE)
                .param("ids", rows.stream().map(OutboxRow::id).toList())
                .update();
        for (OutboxRow row : rows) {
            sent.get(row.template()).increment();
            Duration sinceEvent = Duration.between(row.occurredAt(), accepted);
            latency.record(sinceEvent.isNegative() ? Duration.ZERO : sinceEvent);
        }
    }

    private void failedAttempt(OutboxRow row, Exception e, Instant now) {
        int attempts = row.attempts() + 1;
        String error = reason(e);
        if (attempts >= properties.mail().maxAttempts()) {
            // A mail given up keeps its model for the operators, but not a sensitive one's (a reset link's token).
            jdbc.sql("UPDATE mail_outbox SET state = 'FAILED', attempts = :attempts, last_error = :error,"
                            + " model = CASE WHEN template IN (:sensitive) THEN NULL ELSE model END WHERE id = :id")
                    .param("attempts", attempts)
                    .param("error", error)
                    .param("sensitive", SENSITIVE)
                    .param("id", row.id())
                    .update();
            failed.increment();
            log.warn(
                    "Gave up mail {} ({}) after {} attempts: {}",
                    row.id(),
                    row.template().file(),
                    attempts,
                    error);
            return;
        }
        Duration wait = properties.mail().backoffAfter(attempts);
        jdbc.sql("UPDATE mail_outbox SET attempts = ?, last_error = ?, not_before = ? WHERE id = ?")
                .params(attempts, error, Timestamp.from(now.plus(wait)), row.id())
                .update();
        retried.increment();
        // SMTP refusals are reported once per batch; anything else (user-service refusing this service's token, a
        // template failing) is reported on a mail's first failure, so that a misconfiguration shows at once.
        if (attempts == 1 && !(e instanceof MailException)) {
            log.warn(
                    "Mail {} ({}) could not be prepared; retrying in {}: {}",
                    row.id(),
                    row.template().file(),
                    wait,
                    error);
        } else {
            log.debug(
                    "Mail {} ({}) failed on attempt {}, retrying in {}: {}",
                    row.id(),
                    row.template().file(),
                    attempts,
                    wait,
                    error);
        }
    }

    /** The innermost message of a failure, bounded, as stored and logged (never the mail configuration). */
    private static String reason(Exception e) {
        String message =
                String.valueOf(NestedExceptionUtils.getMostSpecificCause(e).getMessage());
        return message.length() > 500 ? message.substring(0, 500) : message;
    }

    private static Map<Object, Exception> allFailed(Map<MimeMessage, OutboxRow> messages, Exception e) {
        Map<Object, Exception> failures = new IdentityHashMap<>();
        messages.keySet().forEach(message -> failures.put(message, e));
        return failures;
    }

    /** One due mail as read from the outbox. */
    private record OutboxRow(
            UUID id,
            MailTemplate template,
            UUID userId,
            String address,
            String subject,
            String model,
            Instant occurredAt,
            int attempts) {}
}
