package org.fedimpute.platform.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.connection.RedisStreamCommands.XAddOptions;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends pending outbox rows to their Redis streams and marks them published, so that every committed event reaches
 * its stream, at least once, and the events of one service reach its stream in the order they were written.
 *
 * <p>Written order is the order of {@code position}, which the database assigns at insert: within one transaction
 * the order of the {@link EventOutbox#publish} calls, and of two transactions where one committed before the other
 * wrote its events the earlier one first, as for successive changes of one job that each update the job's row
 * before publishing. Events of transactions that overlap may arrive in either order.
 *
 * <p>A pass takes the oldest pending rows ({@code FOR UPDATE SKIP LOCKED}) while holding a transaction-scoped
 * advisory lock on a key derived from the outbox table, so one instance relays at a time and one instance's batch
 * never overtakes another's; an instance that does not get the lock skips the pass. A crash or a Redis failure
 * between the append and the commit resends the batch, so an event may appear twice, the repeat after the first
 * appearance; consumers recognise it by its event id. While Redis is unreachable, rows wait in the table and nothing
 * is lost. Each append trims its stream to about {@code stream-max-length} entries.
 */
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final StringRedisTemplate redis;
    private final OutboxProperties properties;
    private final String table;
    private final long lockKey;
    private final XAddOptions trimming;
    private final Clock clock;
    private final Counter published;
    private final AtomicBoolean redisFailing = new AtomicBoolean();

    OutboxRelay(
            JdbcTemplate jdbc,
            TransactionTemplate transaction,
            StringRedisTemplate redis,
            OutboxProperties properties,
            String schema,
            Clock clock,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.redis = redis;
        this.properties = properties;
        this.table = outboxTable(schema);
        this.lockKey = lockKey(table);
        this.trimming = XAddOptions.maxlen(properties.streamMaxLength()).approximateTrimming(true);
        this.clock = clock;
        this.published = Counter.builder("fedimpute.events.published")
                .description("Events appended to their Redis stream by this instance")
                .register(meters);
        Gauge.builder("fedimpute.events.outbox.pending", this, OutboxRelay::pending)
                .description("Events written but not yet appended to their stream")
                .register(meters);
    }

    /** One relay pass; returns how many events it published. */
    public int relay() {
        Integer count = transaction.execute(status -> {
            if (!Boolean.TRUE.equals(
                    jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, lockKey))) {
                return 0;
            }
            List<Map<String, Object>> rows = jdbc.queryForList(
                    "SELECT id, stream, type, envelope::text AS envelope FROM " + table
                            + " WHERE published_at IS NULL ORDER BY position LIMIT ? FOR UPDATE SKIP LOCKED",
                    properties.batchSize());
            if (rows.isEmpty()) {
                return 0;
            }
            for (Map<String, Object> row : rows) {
                MapRecord<String, String, String> record = StreamRecords.newRecord()
                        .in((String) row.get("stream"))
                        .ofMap(Map.of(
                                "id", row.get("id").toString(),
                                "type", (String) row.get("type"),
                                "event", (String) row.get("envelope")));
                redis.opsForStream().add(record, trimming);
            }
            UUID[] ids = rows.stream().map(row -> (UUID) row.get("id")).toArray(UUID[]::new);
            jdbc.update(connection -> {
                var update =
                        connection.prepareStatement("UPDATE " + table + " SET published_at = ? WHERE id = ANY (?)");
                update.setTimestamp(1, Timestamp.from(Instant.now(clock)));
                Array array = connection.createArrayOf("uuid", ids);
                update.setArray(2, array);
                return update;
            });
            return rows.size();
        });
        int relayed = count == null ? 0 : count;
        published.increment(relayed);
        return relayed;
    }

    /**
     * The scheduled pass: a Redis outage is logged once when it starts and once when it ends; any other failure (the
     * database, a broken row) is an error logged on every pass, since it will not go away by waiting.
     */
    void relayOnSchedule() {
        try {
            relay();
            if (redisFailing.compareAndSet(true, false)) {
                log.info("Event relay: Redis reachable again, pending events are being published");
            }
        } catch (RedisConnectionFailureException | RedisSystemException | QueryTimeoutException e) {
            if (redisFailing.compareAndSet(false, true)) {
                log.warn(
                        "Event relay paused while Redis is unreachable; events wait in the outbox: {}", e.getMessage());
            }
        } catch (RuntimeException e) {
            log.error("Event relay pass failed; events wait in the outbox", e);
        }
    }

    /** Removes events published longer ago than the retention. */
    void purgePublished() {
        jdbc.update(
                "DELETE FROM " + table + " WHERE published_at < ?",
                Timestamp.from(Instant.now(clock).minus(properties.retention())));
    }

    private double pending() {
        try {
            Integer pending =
                    jdbc.queryForObject("SELECT count(*) FROM " + table + " WHERE published_at IS NULL", Integer.class);
            return pending == null ? 0 : pending;
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    static String outboxTable(String schema) {
        return ServiceSchema.table(schema, "event_outbox");
    }

    /**
     * The advisory lock key of one outbox table: the same in every instance and every release, and unlikely to meet
     * another lock's key, being 64 bits of a name-based UUID rather than a small number.
     */
    static long lockKey(String table) {
        return UUID.nameUUIDFromBytes(("fedimpute.events.outbox-relay:" + table).getBytes(StandardCharsets.UTF_8))
                .getMostSignificantBits();
    }
}
