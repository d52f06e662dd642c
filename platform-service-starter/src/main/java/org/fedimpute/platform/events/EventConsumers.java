package org.fedimpute.platform.events;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts one {@link StreamConsumer} per consumer and stream once every handler bean exists, and stops them at
 * shutdown before the database and Redis connections close.
 *
 * <p>Each consumer reads through the consumer group {@code <spring.application.name>.<consumer>}, shared by the
 * service's instances; each instance reads under its own name in that group, the application name with this host
 * and process id.
 */
final class EventConsumers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventConsumers.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final EventHandlerRegistrar handlers;
    private final ProcessedEvents processed;
    private final TransactionTemplate transaction;
    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final EventConsumerProperties properties;
    private final String application;
    private final String instance;
    private final MeterRegistry meters;

    private List<StreamConsumer> consumers;
    private volatile boolean running;

    EventConsumers(
            EventHandlerRegistrar handlers,
            ProcessedEvents processed,
            TransactionTemplate transaction,
            StringRedisTemplate redis,
            JsonMapper json,
            EventConsumerProperties properties,
            String application,
            MeterRegistry meters) {
        this.handlers = handlers;
        this.processed = processed;
        this.transaction = transaction;
        this.redis = redis;
        this.json = json;
        this.properties = properties;
        this.application = application;
        this.instance =
                application + "@" + hostName() + ":" + ProcessHandle.current().pid();
        this.meters = meters;
    }

    @Override
    public void start() {
        if (consumers == null) {
            List<EventSubscription> subscriptions = handlers.subscriptions();
            if (!subscriptions.isEmpty()) {
                processed.verifyTable();
            }
            consumers = subscriptions.stream().map(this::consumerFor).toList();
        }
        consumers.forEach(StreamConsumer::start);
        running = true;
        if (!consumers.isEmpty()) {
            log.info(
                    "Consuming events as {}: {}",
                    instance,
                    consumers.stream().map(StreamConsumer::description).toList());
        }
    }

    @Override
    public void stop() {
        consumers.forEach(StreamConsumer::stop);
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        try {
            for (StreamConsumer consumer : consumers) {
                Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
                if (!consumer.awaitStop(left)) {
                    log.warn("Event consumer {} still in a handler after {}", consumer.description(), STOP_TIMEOUT);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private StreamConsumer consumerFor(EventSubscription subscription) {
        String group = application + "." + subscription.consumer();
        EventDelivery delivery = new EventDelivery(
                subscription, group, redis.opsForStream(), transaction, processed, json, properties, meters);
        return new StreamConsumer(subscription, Consumer.from(group, instance), redis, delivery, properties, meters);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
