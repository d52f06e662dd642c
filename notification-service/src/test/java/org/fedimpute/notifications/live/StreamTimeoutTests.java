package org.fedimpute.notifications.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.UUID;
import org.fedimpute.notifications.NotificationTestSupport;
import org.fedimpute.notifications.inapp.InAppNotifications;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** A stream that reaches {@code stream-timeout} is ended cleanly and forgotten; the client resumes where it was. */
@TestPropertySource(properties = "fedimpute.notifications.live.stream-timeout=1s")
class StreamTimeoutTests extends NotificationTestSupport {

    @Autowired
    private InAppNotifications notifications;

    @Autowired
    private MeterRegistry meters;

    @Test
    void aTimedOutStreamEndsAndIsForgottenAndTheClientResumes() {
        UUID user = UUID.randomUUID();
        String lastEventId;
        try (SseClient client = SseClient.connect(port, LiveStreamTests.STREAM, TOKENS.researcher(user), null)) {
            notifications.create(LiveStreamTests.notification(user, "before the timeout"));
            lastEventId = client.next(PATIENCE).id();
            await().atMost(PATIENCE).until(client::ended);
        }
        assertThat(meters.get("fedimpute.notifications.streams.open").gauge().value())
                .isZero();

        notifications.create(LiveStreamTests.notification(user, "while away"));
        try (SseClient resumed =
                SseClient.connect(port, LiveStreamTests.STREAM, TOKENS.researcher(user), lastEventId)) {
            assertThat(resumed.next(PATIENCE).data()).contains("\"title\":\"while away\"");
        }
    }
}
