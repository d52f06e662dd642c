package org.fedimpute.files.storage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Counts the bytes that go into and come out of storage and times each operation, tagged by backend and by whether
 * encryption is on, so that operators see storage throughput and latency (and failures, by the {@code outcome} tag).
 *
 * <p>Meters: {@code fedimpute.files.storage.bytes} (counter, tag {@code direction=written|read}, plain bytes) and
 * {@code fedimpute.files.storage.operations} (timer, tags {@code operation} and {@code outcome}). A read is timed until
 * its stream is open; its bytes are counted as the caller consumes them.
 */
final class MeteredFileStorage implements FileStorage {

    private final FileStorage storage;
    private final MeterRegistry registry;
    private final Tags tags;
    private final Counter bytesWritten;
    private final Counter bytesRead;

    MeteredFileStorage(FileStorage storage, MeterRegistry registry, String backend, boolean encrypted) {
        this.storage = storage;
        this.registry = registry;
        this.tags = Tags.of("backend", backend, "encrypted", String.valueOf(encrypted));
        this.bytesWritten = bytes("written");
        this.bytesRead = bytes("read");
    }

    private Counter bytes(String direction) {
        return Counter.builder("fedimpute.files.storage.bytes")
                .description("Bytes written to and read from file storage")
                .baseUnit("bytes")
                .tags(tags)
                .tag("direction", direction)
                .register(registry);
    }

    @Override
    public long write(String key, InputStream content) throws IOException {
        long written = timed("write", () -> storage.write(key, content));
        bytesWritten.increment(written);
        return written;
    }

    @Override
    public InputStream read(String key, long offset, long length) throws IOException {
        return new CountingInputStream(timed("read", () -> storage.read(key, offset, length)), bytesRead);
    }

    @Override
    public long size(String key) throws IOException {
        return timed("size", () -> storage.size(key));
    }

    @Override
    public boolean exists(String key) throws IOException {
        return timed("exists", () -> storage.exists(key));
    }

    @Override
    public void delete(String key) throws IOException {
        timed("delete", () -> {
            storage.delete(key);
            return null;
        });
    }

    @Override
    public Optional<Path> localPath(String key) {
        return storage.localPath(key);
    }

    private interface Operation<T> {
        T run() throws IOException;
    }

    private <T> T timed(String operation, Operation<T> call) throws IOException {
        long start = System.nanoTime();
        String outcome = "failure";
        try {
            T result = call.run();
            outcome = "success";
            return result;
        } finally {
            Timer.builder("fedimpute.files.storage.operations")
                    .description("File storage operations")
                    .tags(tags)
                    .tag("operation", operation)
                    .tag("outcome", outcome)
                    .register(registry)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    /** Adds the bytes a reader consumes to the read counter. */
    private static final class CountingInputStream extends FilterInputStream {

        private final Counter counter;

        CountingInputStream(InputStream in, Counter counter) {
            super(in);
            this.counter = counter;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                counter.increment();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                counter.increment(n);
            }
            return n;
        }
    }
}
