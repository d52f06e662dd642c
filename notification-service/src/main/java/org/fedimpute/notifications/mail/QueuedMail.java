package org.fedimpute.notifications.mail;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One mail to queue: to a user (whose address is asked of user-service when it is sent) or to a fixed address.
 *
 * @param eventId the event it tells of; with the recipient and template, the key that queues it only once
 * @param template which mail
 * @param userId the recipient user, or null when {@code address} is given
 * @param address the recipient address for mails to no user (admin alerts), else null
 * @param subject the subject line, also the digest's line for it
 * @param summary one sentence, the digest's text for it
 * @param model the template's variables (strings, numbers, lists of them)
 * @param occurredAt when the event happened, the start of the delivery latency
 */
public record QueuedMail(
        String eventId,
        MailTemplate template,
        UUID userId,
        String address,
        String subject,
        String summary,
        Map<String, Object> model,
        Instant occurredAt) {

    public QueuedMail {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(template, "template");
        if ((userId == null) == (address == null)) {
            throw new IllegalArgumentException("A mail goes to a user or to an address");
        }
        model = Map.copyOf(model);
    }
}
