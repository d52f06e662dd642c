package org.fedimpute.notifications.inapp;

import java.time.Instant;
import java.util.UUID;

/**
 * One in-app notification as its owner sees it.
 *
 * @param id the notification's id
 * @param eventType the platform event it tells of, such as {@code job.completed}
 * @param title one line
 * @param body a sentence or two
 * @param link where to look, or null
 * @param createdAt when it was created
 * @param readAt when its owner marked it read, or null while unread
 */
public record NotificationView(
        UUID id, String eventType, String title, String body, String link, Instant createdAt, Instant readAt) {}
