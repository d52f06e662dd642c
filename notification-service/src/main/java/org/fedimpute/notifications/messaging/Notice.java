package org.fedimpute.notifications.messaging;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.fedimpute.notifications.mail.MailTemplate;

/**
 * What one event tells one user, in both channels' terms.
 *
 * @param eventId the event's id
 * @param eventType the event's type name, which the user's channel preferences are kept by
 * @param userId the recipient
 * @param occurredAt when it happened
 * @param title the in-app title and the mail's subject
 * @param body the in-app text and the digest's line
 * @param link where to look
 * @param template the mail, or null for an in-app notification only
 * @param model the mail template's variables
 */
record Notice(
        String eventId,
        String eventType,
        UUID userId,
        Instant occurredAt,
        String title,
        String body,
        String link,
        MailTemplate template,
        Map<String, Object> model) {}
