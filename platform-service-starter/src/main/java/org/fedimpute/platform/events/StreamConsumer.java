package org.fedimpute.platform.events;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.RedisStreamCommands.XClaimOptions;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.PendingMessage;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StreamOperations;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The loop, on a virtual thread of its own, that reads one stream for one consumer through its consumer group, so
 * that the consumer misses nothing while it or Redis is down and no entry stays stuck with a dead instance.
 *
 * <p>The group is created at the start of the stream ({@code 0}), not at its end ({@code $}): a consumer deployed
 * after events were published, or whose group was lost with a Redis restart, still sees every event the stream
 * retains, and the processed ids make a replay of ones it already handled harmless.
 *
 * <p>Entries left unacknowledged for {@code claim-idle} (a failed handler, a crashed instance) are taken over with
 * {@code XPENDING ... IDLE} followed by {@code XCLAIM} with the same minimum idle time. That is the two-step form of
 * {@code XAUTOCLAIM}, which Spring Data Redis does not offer; {@code XCLAIM} checks the idle time again, so two
 * instances never both take an entry, and {@code XPENDING} tells each entry's delivery count, which decides when it
 * is parked.
 *
 * <p>After connecting (at start, and again after Redis was away) the loop first takes back the entries already
 * delivered to it and not acknowledged, before reading new ones: a read whose answer was lost with the connection
 * left its entries pending with this consumer, and handling newer entries first would break a subject's order.
 *
 * <p>While Redis or the database cannot be reached the loop logs once, retries with a growing pause and keeps the
 * entries it already holds, and logs once more when it is through. Stopping interrupts a blocking read or a pause
 * but never a handler.
 */
final class StreamConsumer {

    private static final Logger log = LoggerFactory.getLogger(StreamConsumer.class);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(200);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(10);

    private final String stream;
    private final Consumer consumer;
    private final StringRedisTemplate redis;
    private final StreamOperations<String, Object, Object> streams;
    private final EventDelivery delivery;
    private final EventConsumerProperties properties;
    private final AtomicLong pending = new AtomicLong();
    private final Deque<Entry> backlog = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();

    private volatile boolean running;
    private Thread thread;
    private boolean waiting;
    private boolean groupReady;
    private boolean ownPendingFirst;
    private boolean paused;
    private Duration pause;
    private long nextClaimNanos;

    StreamConsumer(
            EventSubscription subscription,
            Consumer consumer,
            StringRedisTemplate redis,
            EventDelivery delivery,
            EventConsumerProperties properties,
            MeterRegistry meters) {
        this.stream = subscription.stream().key();
        this.consumer = consumer;
        this.redis = redis;
        this.streams = redis.opsForStream();
        this.delivery = delivery;
        this.properties = properties;
        Gauge.builder("fedimpute.events.pending", pending, AtomicLong::get)
                .description("Entries delivered to the consumer group but not yet acknowledged, as last seen")
                .tag("consumer", subscription.consumer())
                .tag("stream", stream)
                .register(meters);
    }

    void start() {
        lock.lock();
        try {
            running = true;
            backlog.clear();
            groupReady = false;
            paused = false;
            pause = FIRST_PAUSE;
            nextClaimNanos = System.nanoTime();
            thread = Thread.ofVirtual()
                    .name("events-" + stream.substring(stream.lastIndexOf('.') + 1) + "-" + consumer.getGroup())
                    .start(this::run);
        } finally {
            lock.unlock();
        }
    }

    /** Asks the loop to end after the entry in hand, interrupting a blocking read or a pause. */
    void stop() {
        lock.lock();
        try {
            running = false;
            if (waiting) {
                thread.interrupt();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Waits for the loop to end; {@code false} if a handler is still busy after the timeout. */
    boolean awaitStop(Duration timeout) throws InterruptedException {
        return thread.join(timeout);
    }

    String description() {
        return consumer.getGroup() + " on " + stream;
    }

    private void run() {
        while (running) {
            try {
                redis.execute(new SessionCallback<Void>() {
                    @Override
                    public <K, V> Void execute(RedisOperations<K, V> operations) {
                        pollUntilStopped();
                        return null;
                    }
                });
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                groupReady = false;
                if (!paused) {
                    paused = true;
                    log.warn(
                            "Event consumer {} paused, retrying until Redis and the database answer: {}",
                            description(),
                            NestedExceptionUtils.getMostSpecificCause(e).toString());
                }
                sleep(pause);
                Duration doubled = pause.multipliedBy(2);
                pause = doubled.compareTo(LONGEST_PAUSE) < 0 ? doubled : LONGEST_PAUSE;
            }
        }
    }

    /**
     * Polls within one Redis session, so that the blocking reads reuse one dedicated connection rather than opening
     * one each; a failure ends the session and its connection.
     */
    private void pollUntilStopped() {
        while (running) {
            poll();
            pause = FIRST_PAUSE;
            if (paused) {
                paused = false;
                log.info("Event consumer {} reading again", description());
            }
        }
    }

    private void poll() {
        if (!groupReady) {
            createGroup();
            groupReady = true;
            ownPendingFirst = true;
        }
        if (backlog.isEmpty() && ownPendingFirst) {
            takeBackOwnPending();
            ownPendingFirst = false;
        }
        if (backlog.isEmpty() && System.nanoTime() - nextClaimNanos >= 0) {
            claimStuck();
            nextClaimNanos =
                    System.nanoTime() + properties.claimIdle().dividedBy(2).toNanos();
        }
        if (backlog.isEmpty()) {
            readNew().forEach(record -> backlog.add(new Entry(record, 1)));
        }
        while (running && !backlog.isEmpty()) {
            Entry entry = backlog.peek();
            delivery.deliver(entry.record(), entry.deliveries());
            backlog.remove();
        }
    }

    private void createGroup() {
        try {
            streams.createGroup(stream, ReadOffset.from("0"), consumer.getGroup());
        } catch (DataAccessException e) {
            String message = NestedExceptionUtils.getMostSpecificCause(e).getMessage();
            if (message == null || !message.startsWith("BUSYGROUP")) {
                throw e;
            }
        }
    }

    private void claimStuck() {
        pending.set(streams.pending(stream, consumer.getGroup()).getTotalPendingMessages());
        claim(
                streams.pending(
                        stream, consumer.getGroup(), Range.unbounded(), properties.batchSize(), properties.claimIdle()),
                properties.claimIdle());
    }

    /**
     * Takes back, however briefly idle, what was delivered to this consumer and not acknowledged: at most one lost
     * read's worth of entries and as many awaiting a retry; any beyond that are claimed when idle, as other ones are.
     */
    private void takeBackOwnPending() {
        claim(streams.pending(stream, consumer, Range.unbounded(), 2L * properties.batchSize()), Duration.ZERO);
    }

    /** Claims these pending entries for this consumer, if still idle for {@code minIdle}, into the backlog. */
    private void claim(Iterable<PendingMessage> stuck, Duration minIdle) {
        Map<RecordId, Long> deliveries = new LinkedHashMap<>();
        for (PendingMessage entry : stuck) {
            deliveries.put(entry.getId(), entry.getTotalDeliveryCount());
        }
        if (deliveries.isEmpty()) {
            return;
        }
        List<MapRecord<String, Object, Object>> claimed = streams.claim(
                stream,
                consumer.getGroup(),
                consumer.getName(),
                XClaimOptions.minIdle(minIdle).ids(deliveries.keySet().toArray(RecordId[]::new)));
        claimed.forEach(record -> backlog.add(new Entry(record, deliveries.get(record.getId()) + 1)));
    }

    private List<MapRecord<String, Object, Object>> readNew() {
        if (!enterWait()) {
            return List.of();
        }
        try {
            List<MapRecord<String, Object, Object>> records = streams.read(
                    consumer,
                    StreamReadOptions.empty().count(properties.batchSize()).block(properties.pollTimeout()),
                    StreamOffset.create(stream, ReadOffset.lastConsumed()));
            return records == null ? List.of() : records;
        } finally {
            leaveWait();
        }
    }

    private void sleep(Duration duration) {
        if (!enterWait()) {
            return;
        }
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            // stop() interrupted the pause; the loop sees running == false next
        } finally {
            leaveWait();
        }
    }

    private boolean enterWait() {
        lock.lock();
        try {
            waiting = running;
            return waiting;
        } finally {
            lock.unlock();
        }
    }

    /** Ends a wait and clears an interrupt meant for it, so that it can never reach a handler. */
    private void leaveWait() {
        lock.lock();
        try {
            waiting = false;
            Thread.interrupted();
        } finally {
            lock.unlock();
        }
    }

    private record Entry(MapRecord<String, Object, Object> record, long deliveries) {}
}
