package org.fedimpute.platform.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method that reacts to another service's events, so that a service subscribes to a stream with one
 * annotation and gets at-least-once delivery with at-most-once effect without touching Redis itself.
 *
 * <pre>{@code
 * @Component
 * class JobOutcomes {
 *     @EventHandler(consumer = "job-outcomes")
 *     void on(JobCompleted event, EventEnvelope<JobCompleted> envelope) { ... }
 * }
 * }</pre>
 *
 * <p>The first parameter is the payload: an event record such as {@code JobCompleted}, or a family such as
 * {@code JobEvent} to receive every type of the family. An optional second parameter receives the whole
 * {@link org.fedimpute.events.EventEnvelope EventEnvelope}. The stream follows from the payload type.
 *
 * <p>The method runs inside a database transaction that also records the event id in the service's
 * {@code processed_event} table, so an event delivered twice reaches it once. If it throws, the transaction rolls
 * back and the event is delivered again once it has been pending for {@code fedimpute.events.consumer.claim-idle};
 * after {@code max-deliveries} failed deliveries it is parked on the stream's dead-letter stream. Enabled by
 * {@code fedimpute.events.consumer.enabled=true}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface EventHandler {

    /**
     * The consumer the method belongs to, such as {@code welcome-mail} (lower case, digits and dashes). Each consumer
     * reads every stream it needs through its own consumer group, {@code <spring.application.name>.<consumer>}, so it
     * sees every event independently of the service's other consumers; the service's instances share that group and
     * so share the work. One consumer has at most one method per event type.
     */
    String consumer();
}
