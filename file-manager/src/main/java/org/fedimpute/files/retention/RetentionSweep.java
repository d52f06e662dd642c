package org.fedimpute.files.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import javax.sql.DataSource;
import org.fedimpute.files.records.FileRecords;
import org.fedimpute.files.records.FileRemoval;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Enforces retention: warns owners of files about to expire (once each), marks expired files and abandoned uploads
 * for deletion, and deletes them from storage and then from the database. One instance sweeps at a time, under a
 * PostgreSQL advisory lock, so replicas do not send the same warning twice.
 */
@Component
class RetentionSweep {

    private static final Logger log = LoggerFactory.getLogger(RetentionSweep.class);

    /** The advisory lock key of the sweep ("FMRETAIN" in ASCII), distinct from every other lock in the database. */
    static final long SWEEP_LOCK = 0x464d_5245_5441_494eL;

    private final FileRecords records;
    private final FileRemoval removal;
    private final DataSource dataSource;
    private final RetentionProperties properties;
    private final Clock clock;

    RetentionSweep(
            FileRecords records,
            FileRemoval removal,
            DataSource dataSource,
            RetentionProperties properties,
            Clock clock) {
        this.records = records;
        this.removal = removal;
        this.dataSource = dataSource;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Runs one sweep unless another instance is sweeping.
     *
     * @return what it did, or {@link Sweep#SKIPPED} when another instance holds the lock
     */
    Sweep sweep() throws SQLException {
        try (Connection lockConnection = dataSource.getConnection()) {
            if (!advisoryLock(lockConnection, "SELECT pg_try_advisory_lock(?)")) {
                log.debug("Another instance is sweeping expired files");
                return Sweep.SKIPPED;
            }
            try {
                Sweep sweep = run(Instant.now(clock));
                if (sweep.warned() + sweep.marked() + sweep.deleted() > 0) {
                    log.info(
                            "Retention warned of {} expiring files, marked {} for deletion and deleted {}",
                            sweep.warned(),
                            sweep.marked(),
                            sweep.deleted());
                }
                return sweep;
            } finally {
                advisoryLock(lockConnection, "SELECT pg_advisory_unlock(?)");
            }
        }
    }

    /** The scheduled sweep, which logs a failure and tries again next time. */
    void sweepOnSchedule() {
        try {
            sweep();
        } catch (SQLException | RuntimeException e) {
            log.error("The retention sweep failed; it runs again in {}", properties.interval(), e);
        }
    }

    private Sweep run(Instant now) {
        int batch = properties.batchSize();
        int warned = 0;
        int step;
        do {
            step = records.warnOfExpiry(now.plus(properties.warnBefore()), batch);
            warned += step;
        } while (step == batch);
        int marked = records.markExpired(now.minus(properties.abandonedUploadAfter()));
        int deleted = 0;
        do {
            step = removal.purgeMarked(batch);
            deleted += step;
        } while (step == batch);
        return new Sweep(warned, marked, deleted);
    }

    private static boolean advisoryLock(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, SWEEP_LOCK);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    /** What one sweep did. */
    record Sweep(int warned, int marked, int deleted) {

        static final Sweep SKIPPED = new Sweep(0, 0, 0);
    }
}
