package org.fedimpute.notifications.messaging;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import org.fedimpute.platform.jdbc.AdvisoryLocks;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Remembers the accounts whose data was forgotten on {@code user.deleted}, so that events about them that arrive
 * later (the cancellations of their unfinished jobs are published in answer to that very event) notify no one.
 */
@Component
class ForgottenUsers {

    private static final String LOCK_PREFIX = "forgotten-user:";

    private final JdbcClient jdbc;
    private final Clock clock;

    ForgottenUsers(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Remembers the account as forgotten, first waiting for every transaction delivering to it to end, so that what
     * they stored is there for the forgetting (which follows in this transaction) to remove.
     */
    void remember(UUID userId) {
        AdvisoryLocks.forTransaction(jdbc, LOCK_PREFIX + userId);
        jdbc.sql("INSERT INTO forgotten_user (user_id, forgotten_at) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(userId, Timestamp.from(clock.instant()))
                .update();
    }

    /**
     * Whether the account was forgotten; a transaction delivering to it asks first, and holds off any forgetting of it
     * until it ends (both may run at once, on different streams).
     */
    boolean isForgotten(UUID userId) {
        AdvisoryLocks.sharedForTransaction(jdbc, LOCK_PREFIX + userId);
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM forgotten_user WHERE user_id = ?)")
                .param(userId)
                .query(Boolean.class)
                .single();
    }
}
