package org.fedimpute.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** A stream keeps about a million events unless configured otherwise, and never fewer than one. */
class OutboxPropertiesTests {

    @Test
    void aStreamKeepsAboutAMillionEventsByDefault() {
        assertThat(bind(Map.of()).streamMaxLength()).isEqualTo(1_000_000L);
        assertThat(bind(Map.of("fedimpute.events.outbox.stream-max-length", "5000"))
                        .streamMaxLength())
                .isEqualTo(5000L);
    }

    @Test
    void aMaximumLengthBelowOneIsRefused() {
        assertThatThrownBy(() -> bind(Map.of("fedimpute.events.outbox.stream-max-length", "0")))
                .hasStackTraceContaining("stream-max-length must be >= 1");
    }

    private static OutboxProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("fedimpute.events.outbox", OutboxProperties.class);
    }
}
