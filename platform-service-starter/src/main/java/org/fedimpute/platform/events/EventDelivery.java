package org.fedimpute.platform.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.fedimpute.events.EventEnvelope;
import org.fedimpute.events.EventType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StreamOperations;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes one stream entry from delivery to acknowledgement for one consumer, so that every outcome (handled,
 * already handled, not for this consumer, failed, unreadable) ends the same well-defined way.
 *
 * <p>The entry's {@code type} field says whether the consumer wants it; a type it does not handle is acknowledged
 * and skipped, but only when this build's {@link EventType} catalogue names it. A type the catalogue does not name
 * comes from a producer newer than this instance, during a rolling deploy for instance, and a newer instance of the
 * same consumer may handle it: the entry is left pending, so that it is delivered again after {@code claim-idle},
 * to whichever instance of the group claims it, until one that knows the type handles it. Those deliveries do not
 * count against {@code max-deliveries} (the event is not at fault); an entry still unknown once it is older than
 * {@code uncatalogued-hold} (no instance that knows it came, or a rollback) is parked instead. The envelope in the {@code event} field is then read into the type's record, and within one
 * transaction the event id is recorded in {@code processed_event} and, if it was new, the handler runs; only after
 * the commit is the entry acknowledged. A handler that throws leaves the entry pending, to be delivered again after
 * {@code claim-idle}; the delivery that reaches {@code max-deliveries} parks it instead. An entry that cannot be read
 * is parked at once. Parking appends the entry's fields, the error, the group and the delivery count to
 * {@code <stream>.dead-letter}, then acknowledges the entry. When Redis or the database cannot be reached at all,
 * the exception is left to the caller: the event is not at fault, so the failure does not count against it.
 */
final class EventDelivery {

    private static final Logger log = LoggerFactory.getLogger(EventDelivery.class);
    private static final String UNKNOWN_TYPE = "unknown";

    private final EventSubscription subscription;
    private final String stream;
    private final String group;
    private final StreamOperations<String, Object, Object> streams;
    private final TransactionTemplate transaction;
    private final ProcessedEvents processed;
    private final JsonMapper json;
    private final EventConsumerProperties properties;
    private final MeterRegistry meters;
    private final Map<String, Counter> handled = new HashMap<>();
    private final Map<String, Counter> failed = new HashMap<>();
    private final Set<String> uncatalogued = ConcurrentHashMap.newKeySet();

    EventDelivery(
            EventSubscription subscription,
            String group,
            StreamOperations<String, Object, Object> streams,
            TransactionTemplate transaction,
            ProcessedEvents processed,
            JsonMapper json,
            EventConsumerProperties properties,
            MeterRegistry meters) {
        this.subscription = subscription;
        this.stream = subscription.stream().key();
        this.group = group;
        this.streams = streams;
        this.transaction = transaction;
        this.processed = processed;
        this.json = json;
        this.properties = properties;
        this.meters = meters;
        for (String type : subscription.handlers().keySet()) {
            handled.put(
                    type,
                    counter(
                            "fedimpute.events.processed",
                            type,
                            "Events handled by this consumer (redeliveries not counted)"));
            failed.put(type, counter("fedimpute.events.failures", type, "Deliveries whose handler failed"));
        }
    }

    /**
     * Delivers one entry; {@code deliveries} counts this delivery too. Throws only when Redis or the database is
     * unreachable, and the entry then stays pending.
     */
    void deliver(MapRecord<String, Object, Object> entry, long deliveries) {
        String typeName = field(entry, "type");
        if (typeName == null) {
            park(entry, UNKNOWN_TYPE, deliveries, "the entry has no type field");
            return;
        }
        EventHandlerMethod handler = subscription.handler(typeName);
        if (handler == null) {
            if (EventType.isCatalogued(typeName)) {
                acknowledge(entry);
            } else {
                leaveForNewerInstance(entry, typeName, deliveries);
            }
            return;
        }
        EventEnvelope<?> envelope;
        try {
            envelope = read(entry, typeName);
        } catch (RuntimeException e) {
            park(entry, typeName, deliveries, "unreadable envelope: " + NestedExceptionUtils.getMostSpecificCause(e));
            return;
        }
        boolean first;
        try {
            first = Boolean.TRUE.equals(transaction.execute(status -> {
                if (!processed.remember(subscription.consumer(), envelope)) {
                    return false;
                }
                handler.handle(envelope);
                return true;
            }));
        } catch (CannotCreateTransactionException | DataAccessResourceFailureException e) {
            throw e;
        } catch (RuntimeException e) {
            failed(entry, envelope, deliveries, e);
            return;
        }
        acknowledge(entry);
        if (first) {
            handled.get(typeName).increment();
        } else {
            log.debug("Event {} was already handled by {}; acknowledged again", envelope.id(), group);
        }
    }

    /**
     * Leaves an entry of a type this build does not know pending, saying so once per type for each consumer; parks it
     * once it is older than {@code uncatalogued-hold}.
     */
    private void leaveForNewerInstance(MapRecord<String, Object, Object> entry, String typeName, long deliveries) {
        Instant appended = Instant.ofEpochMilli(entry.getId().getTimestamp());
        if (appended.plus(properties.uncataloguedHold()).isBefore(Instant.now())) {
            park(
                    entry,
                    typeName,
                    deliveries,
                    "type " + typeName
                            + " is unknown to this build, and no instance that knows it took the entry within "
                            + properties.uncataloguedHold());
            return;
        }
        counter(
                        "fedimpute.events.uncatalogued",
                        typeName,
                        "Deliveries left pending: their type is newer than this build")
                .increment();
        if (uncatalogued.add(typeName)) {
            log.warn(
                    "Entry {} of {} has type {}, which this build does not know; {} leaves it pending for an instance"
                            + " that does (delivery {}); further ones of that type are left pending quietly",
                    entry.getId(),
                    stream,
                    typeName,
                    group,
                    deliveries);
        }
    }

    private EventEnvelope<?> read(MapRecord<String, Object, Object> entry, String typeName) {
        String event = field(entry, "event");
        if (event == null) {
            throw new IllegalArgumentException("the entry has no event field");
        }
        JavaType envelopeType = json.getTypeFactory()
                .constructParametricType(
                        EventEnvelope.class, EventType.fromTypeName(typeName).payloadType());
        EventEnvelope<?> envelope = json.readValue(event, envelopeType);
        if (!typeName.equals(envelope.type())) {
            throw new IllegalArgumentException(
                    "the envelope's type " + envelope.type() + " differs from the entry's " + typeName);
        }
        return envelope;
    }

    private void failed(
            MapRecord<String, Object, Object> entry, EventEnvelope<?> envelope, long deliveries, RuntimeException e) {
        failed.get(envelope.type()).increment();
        log.warn(
                "Handling event {} ({}) in {} failed on delivery {} of {}",
                envelope.id(),
                envelope.type(),
                group,
                deliveries,
                properties.maxDeliveries(),
                e);
        if (deliveries >= properties.maxDeliveries()) {
            park(entry, envelope.type(), deliveries, String.valueOf(NestedExceptionUtils.getMostSpecificCause(e)));
        }
    }

    private void park(MapRecord<String, Object, Object> entry, String type, long deliveries, String error) {
        Map<String, String> fields = new LinkedHashMap<>();
        entry.getValue().forEach((name, value) -> fields.put(String.valueOf(name), String.valueOf(value)));
        fields.put("error", error);
        fields.put("consumer", group);
        fields.put("entry", entry.getId().getValue());
        fields.put("deliveries", Long.toString(deliveries));
        String deadLetters = stream + ".dead-letter";
        streams.add(StreamRecords.newRecord().in(deadLetters).ofMap(fields));
        acknowledge(entry);
        counter("fedimpute.events.dead.lettered", type, "Entries parked on the dead-letter stream")
                .increment();
        log.warn(
                "Parked entry {} of {} on {} for {} after {} deliveries: {}",
                entry.getId(),
                stream,
                deadLetters,
                group,
                deliveries,
                error);
    }

    private void acknowledge(MapRecord<String, Object, Object> entry) {
        streams.acknowledge(stream, group, entry.getId());
    }

    private Counter counter(String name, String type, String description) {
        return Counter.builder(name)
                .description(description)
                .tag("consumer", subscription.consumer())
                .tag("type", type)
                .register(meters);
    }

    private static String field(MapRecord<String, Object, Object> entry, String name) {
        Object value = entry.getValue().get(name);
        return value == null ? null : value.toString();
    }
}
