package org.fedimpute.files.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The storage meters count plain bytes in each direction and time operations by outcome. */
class MeteredFileStorageTests {

    @TempDir
    Path root;

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private FileStorage storage;

    @BeforeEach
    void createStorage() {
        storage = new MeteredFileStorage(
                new EncryptedFileStorage(new LocalFileStorage(root, false), new byte[32]), registry, "local", true);
    }

    @Test
    void countsThePlainBytesWrittenAndRead() throws IOException {
        storage.write("a", new ByteArrayInputStream(new byte[5000]));
        storage.write("b", new ByteArrayInputStream(new byte[700]));
        try (InputStream in = storage.read("a", 100, 1000)) {
            in.readAllBytes();
        }

        assertThat(bytes("written")).isEqualTo(5700);
        assertThat(bytes("read")).isEqualTo(1000);
        assertThat(operations("write", "success")).isEqualTo(2);
        assertThat(operations("read", "success")).isEqualTo(1);
    }

    @Test
    void timesFailedOperationsApart() throws IOException {
        assertThatThrownBy(() -> storage.size("missing")).isInstanceOf(NoSuchFileException.class);
        storage.exists("missing");

        assertThat(operations("size", "failure")).isEqualTo(1);
        assertThat(operations("size", "success")).isZero();
        assertThat(operations("exists", "success")).isEqualTo(1);
    }

    private double bytes(String direction) {
        return registry.get("fedimpute.files.storage.bytes")
                .tags("backend", "local", "encrypted", "true", "direction", direction)
                .counter()
                .count();
    }

    private long operations(String operation, String outcome) {
        var timer = registry.find("fedimpute.files.storage.operations")
                .tags("backend", "local", "operation", operation, "outcome", outcome)
                .timer();
        return timer == null ? 0 : timer.count();
    }
}
