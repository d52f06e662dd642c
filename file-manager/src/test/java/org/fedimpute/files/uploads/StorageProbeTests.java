package org.fedimpute.files.uploads;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fedimpute.files.storage.FileStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The probe says no when storage fails or loses bytes, and removes what it wrote either way. */
class StorageProbeTests {

    @TempDir
    Path root;

    @Test
    void storageThatFailsToWriteIsReportedAndTheProbeIsStillRemoved() {
        Storage full = new Storage(root) {
            @Override
            public long write(String key, InputStream content) throws IOException {
                throw new IOException("No space left on device");
            }
        };

        assertThat(new StorageProbe(full).storageTakesFiles()).isFalse();
        assertThat(full.deleted).hasSize(1).allMatch(key -> key.startsWith("probe-"));
    }

    @Test
    void storageThatLosesBytesIsReported() throws IOException {
        Storage truncating = new Storage(root) {
            @Override
            public long write(String key, InputStream content) throws IOException {
                Files.write(root.resolve(key), content.readNBytes(1000));
                return 1000;
            }
        };

        assertThat(new StorageProbe(truncating).storageTakesFiles()).isFalse();
        try (var left = Files.list(root)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void storageThatKeepsTheProbeWholeTakesFilesAndKeepsNothing() throws IOException {
        Storage working = new Storage(root);

        assertThat(new StorageProbe(working).storageTakesFiles()).isTrue();
        try (var left = Files.list(root)) {
            assertThat(left).isEmpty();
        }
    }

    /** A plain directory as storage, noting what is deleted. */
    private static class Storage implements FileStorage {

        final List<String> deleted = new ArrayList<>();
        private final Path root;

        Storage(Path root) {
            this.root = root;
        }

        @Override
        public long write(String key, InputStream content) throws IOException {
            return Files.copy(content, root.resolve(key));
        }

        @Override
        public InputStream read(String key, long offset, long length) throws IOException {
            throw new UnsupportedOperationException("the probe does not read content back");
        }

        @Override
        public long size(String key) throws IOException {
            return Files.size(root.resolve(key));
        }

        @Override
        public boolean exists(String key) {
            return Files.exists(root.resolve(key));
        }

        @Override
        public void delete(String key) throws IOException {
            deleted.add(key);
            Files.deleteIfExists(root.resolve(key));
        }
    }
}
