package org.fedimpute.notifications.inapp;

import java.time.Instant;
import java.util.UUID;

/**
 * What an event tells one user in the app.
 *
 * @param eventId the event's id; with the user, the key that makes a redelivery harmless
 * @param userId the owner
 * @param eventType the event's type name
 * @param title one line
 * @param body a sentence or two
 * @param link where to look, or null
 * @param occurredAt when the event happened
 */
public record NewNotification(
        String eventId, UUID userId, String eventType, String title, String body, String link, Instant occurredAt) {}
