package org.fedimpute.jobs.remote.calls;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Abandons one exchange when nothing moves for longer than the target's read timeout: no upload byte taken, no
 * answer, no download byte. A multi-gigabyte upload or download thus runs as long as it progresses, while a server
 * that stops reading or answering is given up on after the read timeout, whatever the phase.
 */
final class Watch implements AutoCloseable {

    private static final long SHORTEST_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final Duration limit;
    private final ScheduledFuture<?> checks;
    private final AtomicBoolean stalled = new AtomicBoolean();
    private volatile long lastProgress = System.nanoTime();
    private volatile Runnable onStall = () -> {};

    Watch(ScheduledExecutorService timer, Duration limit) {
        this.limit = limit;
        long period = Math.max(limit.toNanos() / 4, SHORTEST_CHECK_NANOS);
        this.checks = timer.scheduleAtFixedRate(this::check, period, period, TimeUnit.NANOSECONDS);
    }

    /**
     * What to do to abandon the exchange from now on (cancel the request, close the body). Entering a new phase
     * counts as progress and re-arms the watch, since a stall noticed just as the previous phase ended abandoned
     * nothing.
     */
    void onStall(Runnable action) {
        onStall = action;
        progressed();
        stalled.set(false);
    }

    void progressed() {
        lastProgress = System.nanoTime();
    }

    boolean stalled() {
        return stalled.get();
    }

    Duration limit() {
        return limit;
    }

    /** The stream, reporting every byte read as progress and remembering the first failure. */
    Watched watching(InputStream stream) {
        return new Watched(stream);
    }

    private void check() {
        if (System.nanoTime() - lastProgress > limit.toNanos() && stalled.compareAndSet(false, true)) {
            onStall.run();
        }
    }

    @Override
    public void close() {
        checks.cancel(false);
    }

    /** A stream whose reads count as progress, and which remembers whether reading it failed. */
    final class Watched extends FilterInputStream {

        private long bytes;
        private volatile IOException failure;

        private Watched(InputStream stream) {
            super(stream);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                int read = super.read(buffer, offset, length);
                progressed();
                bytes += Math.max(read, 0);
                return read;
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        long bytes() {
            return bytes;
        }

        IOException failure() {
            return failure;
        }
    }
}
