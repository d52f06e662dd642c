package org.fedimpute.files.uploads;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The heartbeat reports progress once per interval of reading, and its failure does not fail the upload. */
class ProgressHeartbeatTests {

    private final AtomicLong now = new AtomicLong();

    @Test
    void beatsOncePerIntervalWhileTheContentIsRead() throws IOException {
        AtomicInteger beats = new AtomicInteger();
        InputStream content = heartbeat(new byte[100], beats::incrementAndGet);

        content.read(new byte[10]);
        now.addAndGet(Duration.ofSeconds(29).toNanos());
        content.read(new byte[10]);
        assertThat(beats).hasValue(0);

        now.addAndGet(Duration.ofSeconds(2).toNanos());
        content.read(new byte[10]);
        content.read();
        assertThat(beats).hasValue(1);

        now.addAndGet(Duration.ofSeconds(30).toNanos());
        content.read();
        assertThat(beats).hasValue(2);
    }

    @Test
    void aBeatThatFailsDoesNotFailTheRead() throws IOException {
        InputStream content = heartbeat(new byte[] {7, 8}, () -> {
            throw new IllegalStateException("database away");
        });
        now.addAndGet(Duration.ofMinutes(1).toNanos());

        assertThat(content.readAllBytes()).containsExactly(7, 8);
    }

    private InputStream heartbeat(byte[] bytes, Runnable beat) {
        return new ProgressHeartbeat(new ByteArrayInputStream(bytes), Duration.ofSeconds(30), beat, now::get);
    }
}
