package org.fedimpute.files.storage;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Measures how far the live heap grows while content streams through storage: at fixed points of the stream (every
 * 64 MiB, and at its end) it collects garbage and measures the heap in use. Content a backend held in memory would be
 * live at those points, so buffering a whole file shows up as growth of the file's size; garbage does not.
 */
final class HeapGrowthProbe {

    private static final long SAMPLE_EVERY_BYTES = 64L << 20;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final long baseline;
    private long peak;

    private HeapGrowthProbe() {
        this.baseline = liveHeap();
        this.peak = baseline;
    }

    static HeapGrowthProbe start() {
        return new HeapGrowthProbe();
    }

    /** The largest live heap seen, less the live heap at the start. */
    long peakGrowth() {
        return peak - baseline;
    }

    /** The stream, sampling the heap as it is consumed: every 64 MiB, and when it ends. */
    InputStream watching(InputStream in) {
        return new FilterInputStream(in) {
            private long sinceSample;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = in.read(b, off, len);
                sinceSample += Math.max(n, 0);
                if (n < 0 || sinceSample >= SAMPLE_EVERY_BYTES) {
                    sample();
                    sinceSample = 0;
                }
                return n;
            }
        };
    }

    private void sample() {
        peak = Math.max(peak, liveHeap());
    }

    private long liveHeap() {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
