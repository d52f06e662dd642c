package org.fedimpute.notifications.inapp;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
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
        UUID id, String eventType, String title, String body, String link, Instant createdAt, Instant readAt) {

    /** The columns {@link #of(ResultSet)} reads, for a query's select list. */
    public static final String COLUMNS = "id, event_type, title, body, link, created_at, read_at";

    /** The notification on the result set's current row of the {@code notification} table. */
    public static NotificationView of(ResultSet row) throws SQLException {
        Timestamp readAt = row.getTimestamp("read_at");
        return new NotificationView(
                row.getObject("id", UUID.class),
                row.getString("event_type"),
                row.getString("title"),
                row.getString("body"),
                row.getString("link"),
                row.getTimestamp("created_at").toInstant(),
                readAt == null ? null : readAt.toInstant());
    }
}
