package org.fedimpute.notifications.messaging;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Remembers the accounts whose data was forgotten on {@code user.deleted}, so that events about them that arrive
 * later (the cancellations of their unfinished jobs are published in answer to that very event) notify no one.
 */
@Component
class ForgottenUsers {

    private final JdbcClient jdbc;
    private final Clock clock;

    ForgottenUsers(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void remember(UUID userId) {
        jdbc.sql("INSERT INTO forgotten_user (user_id, forgotten_at) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(userId, Timestamp.from(clock.instant()))
                .update();
    }

    boolean isForgotten(UUID userId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM forgotten_user WHERE user_id = ?)")
                .param(userId)
                .query(Boolean.class)
                .single();
    }
}
