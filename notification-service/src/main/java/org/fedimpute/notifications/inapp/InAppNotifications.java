package org.fedimpute.notifications.inapp;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.fedimpute.platform.web.PageResponse;
import org.fedimpute.platform.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The in-app notifications: created once per event and user, and only ever shown to, or changed by, their owner. */
@Service
public class InAppNotifications {

    private static final Logger log = LoggerFactory.getLogger(InAppNotifications.class);
    private static final String COLUMNS = NotificationView.COLUMNS;
    private static final RowMapper<NotificationView> VIEW = (row, i) -> NotificationView.of(row);

    private final JdbcClient jdbc;
    private final ObjectProvider<LivePush> livePushes;
    private final Clock clock;

    InAppNotifications(JdbcClient jdbc, ObjectProvider<LivePush> livePushes, Clock clock) {
        this.jdbc = jdbc;
        this.livePushes = livePushes;
        this.clock = clock;
    }

    /**
     * Stores the notification unless this event already gave this user one; in the caller's transaction, and the
     * live pushes hear of it once that has committed.
     */
    @Transactional
    public void create(NewNotification notification) {
        UUID id = UUID.randomUUID();
        int inserted = jdbc.sql("INSERT INTO notification (id, user_id, event_id, event_type, title, body, link,"
                        + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id, user_id) DO NOTHING")
                .params(
                        id,
                        notification.userId(),
                        notification.eventId(),
                        notification.eventType(),
                        notification.title(),
                        notification.body(),
                        notification.link(),
                        Timestamp.from(notification.occurredAt()))
                .update();
        if (inserted == 0) {
            return;
        }
        NotificationView view = new NotificationView(
                id,
                notification.eventType(),
                notification.title(),
                notification.body(),
                notification.link(),
                notification.occurredAt(),
                null);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                livePushes.orderedStream().forEach(push -> pushQuietly(push, notification.userId(), view));
            }
        });
    }

    /** Forgets every notification of a deleted user. */
    public void forget(UUID userId) {
        jdbc.sql("DELETE FROM notification WHERE user_id = ?").param(userId).update();
    }

    @Transactional(readOnly = true)
    PageResponse<NotificationView> list(UUID userId, int page, int size) {
        List<NotificationView> items = jdbc.sql("SELECT " + COLUMNS + " FROM notification WHERE user_id = ?"
                        + " ORDER BY (read_at IS NULL) DESC, created_at DESC, id LIMIT ? OFFSET ?")
                .params(userId, size, (long) page * size)
                .query(VIEW)
                .list();
        long total = jdbc.sql("SELECT count(*) FROM notification WHERE user_id = ?")
                .param(userId)
                .query(Long.class)
                .single();
        return new PageResponse<>(items, page, size, total, (int) ((total + size - 1) / size));
    }

    long unread(UUID userId) {
        return jdbc.sql("SELECT count(*) FROM notification WHERE user_id = ? AND read_at IS NULL")
                .param(userId)
                .query(Long.class)
                .single();
    }

    @Transactional
    NotificationView markRead(UUID userId, UUID id) {
        jdbc.sql("UPDATE notification SET read_at = ? WHERE id = ? AND user_id = ? AND read_at IS NULL")
                .params(Timestamp.from(Instant.now(clock)), id, userId)
                .update();
        return jdbc.sql("SELECT " + COLUMNS + " FROM notification WHERE id = ? AND user_id = ?")
                .params(id, userId)
                .query(VIEW)
                .optional()
                .orElseThrow(InAppNotifications::notFound);
    }

    @Transactional
    int markAllRead(UUID userId) {
        return jdbc.sql("UPDATE notification SET read_at = ? WHERE user_id = ? AND read_at IS NULL")
                .params(Timestamp.from(Instant.now(clock)), userId)
                .update();
    }

    @Transactional
    void delete(UUID userId, UUID id) {
        if (jdbc.sql("DELETE FROM notification WHERE id = ? AND user_id = ?")
                        .params(id, userId)
                        .update()
                == 0) {
            throw notFound();
        }
    }

    private static RuntimeException notFound() {
        return Problems.error(HttpStatus.NOT_FOUND, "No such notification.");
    }

    private static void pushQuietly(LivePush push, UUID userId, NotificationView view) {
        try {
            push.created(userId, view);
        } catch (RuntimeException e) {
            log.warn("Live push of notification {} failed; it stays listed", view.id(), e);
        }
    }
}
