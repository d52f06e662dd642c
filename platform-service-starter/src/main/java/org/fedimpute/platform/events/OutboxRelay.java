package org.fedimpute.platform.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
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
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends pending outbox rows to their Redis streams and marks them published. Rows are taken with
 * {@code FOR UPDATE SKIP LOCKED}, so several instances relay in parallel without sending a row twice at once; a
 * crash between the append and the commit resends the row, which consumers recognise by its event id. While Redis
 * is unreachable, rows wait in the table and nothing is lost.
 */
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final StringRedisTemplate redis;
    private final OutboxProperties properties;
    private final String table;
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
            List<Map<String, Object>> rows = jdbc.queryForList(
                    "SELECT id, stream, type, envelope::text AS envelope FROM " + table
                            + " WHERE published_at IS NULL ORDER BY created_at LIMIT ? FOR UPDATE SKIP LOCKED",
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
                redis.opsForStream().add(record);
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

    /** The scheduled pass: a Redis outage is logged once when it starts and once when it ends. */
    void relayOnSchedule() {
        try {
            relay();
            if (redisFailing.compareAndSet(true, false)) {
                log.info("Event relay: Redis reachable again, pending events are being published");
            }
        } catch (RuntimeException e) {
            if (redisFailing.compareAndSet(false, true)) {
                log.warn("Event relay paused, events wait in the outbox: {}", e.getMessage());
            }
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
}
