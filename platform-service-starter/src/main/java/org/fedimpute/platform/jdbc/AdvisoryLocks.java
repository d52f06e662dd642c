package org.fedimpute.platform.jdbc;

import java.sql.ResultSet;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * PostgreSQL advisory locks, for work that must take turns across a service's instances. {@link #exclusively} lets
 * one instance at a time run a scheduled round (a health cycle, a sync round, a retention sweep): the work runs while
 * a session lock is held on a connection of its own, and the lock dies with the session if the instance does.
 * {@link #forTransaction} and {@link #sharedForTransaction} wait for a lock named by text (a user's preferences, say)
 * that the current transaction then holds until it ends.
 */
public final class AdvisoryLocks {

    private AdvisoryLocks() {}

    /** Waits for the lock named {@code name} alone, and holds it until the current transaction ends. */
    public static void forTransaction(JdbcClient jdbc, String name) {
        take(jdbc, "pg_advisory_xact_lock", name);
    }

    /**
     * Waits for the lock named {@code name}, shared with other holders of it shared and with no one holding it alone,
     * until the current transaction ends.
     */
    public static void sharedForTransaction(JdbcClient jdbc, String name) {
        take(jdbc, "pg_advisory_xact_lock_shared", name);
    }

    private static void take(JdbcClient jdbc, String function, String name) {
        jdbc.sql("SELECT " + function + "(hashtextextended(?, 0))")
                .param(name)
                .query()
                .listOfRows();
    }

    /** Runs the work unless another instance or thread holds the lock; empty when the work was left to the other. */
    public static <T> Optional<T> exclusively(JdbcTemplate jdbc, long lockKey, Supplier<T> work) {
        return jdbc.execute((ConnectionCallback<Optional<T>>) connection -> {
            try (var lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                lock.setLong(1, lockKey);
                try (ResultSet acquired = lock.executeQuery()) {
                    if (!acquired.next() || !acquired.getBoolean(1)) {
                        return Optional.empty();
                    }
                }
            }
            try {
                return Optional.of(work.get());
            } finally {
                try (var unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    unlock.setLong(1, lockKey);
                    unlock.execute();
                }
            }
        });
    }
}
