package org.fedimpute.files.uploads;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes content through and, at most once per interval while it is read, reports that the upload made progress, so
 * that a request storing a resumable upload is told from one that died while storing it. A report that fails (the
 * database away for a moment) is logged and does not fail the upload.
 */
final class ProgressHeartbeat extends FilterInputStream {

    private static final Logger log = LoggerFactory.getLogger(ProgressHeartbeat.class);

    private final long intervalNanos;
    private final Runnable beat;
    private final LongSupplier nanoTime;
    private long lastBeat;

    ProgressHeartbeat(InputStream content, Duration interval, Runnable beat, LongSupplier nanoTime) {
        super(content);
        this.intervalNanos = interval.toNanos();
        this.beat = beat;
        this.nanoTime = nanoTime;
        this.lastBeat = nanoTime.getAsLong();
    }

    @Override
    public int read() throws IOException {
        int read = super.read();
        maybeBeat();
        return read;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int read = super.read(buffer, offset, length);
        maybeBeat();
        return read;
    }

    private void maybeBeat() {
        long now = nanoTime.getAsLong();
        if (now - lastBeat < intervalNanos) {
            return;
        }
        lastBeat = now;
        try {
            beat.run();
        } catch (RuntimeException e) {
            log.warn("Could not note an upload's progress: {}", e.toString());
        }
    }
}
