package org.fedimpute.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.fedimpute.events.EventStream;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StreamOperations;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * An entry of a type this build's catalogue does not name is held pending for an instance that knows it, but not
 * for ever: once older than {@code uncatalogued-hold} it is parked.
 */
class UncataloguedEntryTests {

    private static final String JOBS = EventStream.JOBS.key();

    @SuppressWarnings("unchecked")
    private final StreamOperations<String, Object, Object> streams = mock(StreamOperations.class);

    private final EventDelivery delivery = new EventDelivery(
            new EventSubscription("job-outcomes", EventStream.JOBS, Map.of()),
            "sample.job-outcomes",
            streams,
            mock(TransactionTemplate.class),
            mock(ProcessedEvents.class),
            JsonMapper.builder().build(),
            new EventConsumerProperties(
                    true,
                    Duration.ofSeconds(2),
                    50,
                    Duration.ofMinutes(1),
                    5,
                    Duration.ofDays(14),
                    Duration.ofHours(1)),
            new SimpleMeterRegistry());

    @Test
    void anEntryYoungerThanTheHoldIsLeftPendingThoughDeliveredManyTimes() {
        delivery.deliver(entry(Instant.now().minus(Duration.ofMinutes(59))), 40);

        verify(streams, never()).acknowledge(anyString(), anyString(), any(RecordId[].class));
        verify(streams, never()).add(any(MapRecord.class));
    }

    @Test
    void anEntryOlderThanTheHoldIsParkedSayingWhy() {
        MapRecord<String, Object, Object> old = entry(Instant.now().minus(Duration.ofMinutes(61)));

        delivery.deliver(old, 2);

        @SuppressWarnings("unchecked")
        ArgumentCaptor<MapRecord<String, String, String>> parked = ArgumentCaptor.forClass(MapRecord.class);
        verify(streams).add(parked.capture());
        assertThat(parked.getValue().getStream()).isEqualTo(JOBS + ".dead-letter");
        assertThat(parked.getValue().getValue())
                .containsEntry("deliveries", "2")
                .containsEntry("type", "job.exploded")
                .hasEntrySatisfying("error", error -> assertThat(error).startsWith("type job.exploded is unknown"));
        verify(streams).acknowledge(JOBS, "sample.job-outcomes", old.getId());
    }

    @SuppressWarnings("unchecked")
    private static MapRecord<String, Object, Object> entry(Instant appended) {
        return (MapRecord<String, Object, Object>) (MapRecord<String, ?, ?>) StreamRecords.newRecord()
                .in(JOBS)
                .withId(RecordId.of(appended.toEpochMilli(), 0))
                .ofMap(Map.<Object, Object>of("id", "e-1", "type", "job.exploded", "event", "{}"));
    }
}
