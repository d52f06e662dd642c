package org.fedimpute.notifications.live;

import java.util.List;
import java.util.UUID;
import org.fedimpute.notifications.inapp.NotificationView;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads a user's notifications in stream order ({@code seq}), for replay after a client's last event and for live catch-up. */
@Component
class StreamedNotifications {

    private static final RowMapper<Numbered> NUMBERED =
            (row, i) -> new Numbered(row.getLong("seq"), NotificationView.of(row));

    private final JdbcClient jdbc;

    StreamedNotifications(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The user's notifications numbered above {@code after}, oldest first, at most {@code limit}. */
    List<Numbered> after(UUID userId, long after, int limit) {
        return jdbc.sql("SELECT seq, id, event_type, title, body, link, created_at, read_at FROM notification"
                        + " WHERE user_id = ? AND seq > ? ORDER BY seq LIMIT ?")
                .params(userId, after, limit)
                .query(NUMBERED)
                .list();
    }

    /** The user's highest number so far, or 0: where a stream without {@code Last-Event-ID} starts. */
    long latest(UUID userId) {
        return jdbc.sql("SELECT coalesce(max(seq), 0) FROM notification WHERE user_id = ?")
                .param(userId)
                .query(Long.class)
                .single();
    }

    /**
     * A notification with its place in the user's stream.
     *
     * @param seq the SSE event id
     * @param view what the client gets as data
     */
    record Numbered(long seq, NotificationView view) {}
}
