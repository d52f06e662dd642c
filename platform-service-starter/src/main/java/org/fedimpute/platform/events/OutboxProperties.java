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
 */
@ConfigurationProperties("fedimpute.events.outbox")
public record OutboxProperties(
        @DefaultValue("false") boolean enabled,
        String source,
        @DefaultValue("500ms") Duration relayInterval,
        @DefaultValue("200") int batchSize,
        @DefaultValue("7d") Duration retention) {}
