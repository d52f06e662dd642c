package org.fedimpute.platform.events;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The outbox of a service that publishes events (its schema has an {@code event_outbox} table).
 *
 * @param enabled whether this service publishes events
 * @param source the CloudEvents {@code source} of its events, such as {@code /user-service}
 * @param relayInterval how often pending events are appended to the streams
 * @param batchSize how many events one relay pass takes
 * @param retention how long published events stay in the table
 * @param streamMaxLength about how many entries a stream keeps: each append trims the oldest beyond it
 *     ({@code XADD MAXLEN ~}, so a stream may hold up to one Redis macro node, 100 entries by default, more). It
 *     bounds Redis memory, at a price: a consumer that falls further behind than this many events, because it was
 *     down or stuck, never sees the oldest of them, so keep it well above the events a service publishes while a
 *     consumer may be away
 */
@ConfigurationProperties("fedimpute.events.outbox")
public record OutboxProperties(
        @DefaultValue("false") boolean enabled,
        String source,
        @DefaultValue("500ms") Duration relayInterval,
        @DefaultValue("200") int batchSize,
        @DefaultValue("7d") Duration retention,
        @DefaultValue("1000000") long streamMaxLength) {

    public OutboxProperties {
        if (streamMaxLength < 1) {
            throw new IllegalArgumentException("fedimpute.events.outbox.stream-max-length must be >= 1");
        }
    }
}
