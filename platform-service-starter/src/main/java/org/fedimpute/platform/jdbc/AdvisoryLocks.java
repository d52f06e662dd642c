package org.fedimpute.platform.jdbc;

import java.sql.ResultSet;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Lets one instance of a service at a time run a scheduled round (a health cycle, a sync round, a retention sweep):
 * the work runs while its PostgreSQL session advisory lock is held on a connection of its own, and the lock dies
 * with the session if the instance does.
 */
public final class AdvisoryLocks {

    private AdvisoryLocks() {}

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
