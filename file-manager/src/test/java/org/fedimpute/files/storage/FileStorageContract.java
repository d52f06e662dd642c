package org.fedimpute.files.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link FileStorage} must do, whatever the backend and whether encrypted: each backend's test class
 * extends this with its own storage and its own check that nothing was left behind.
 */
abstract class FileStorageContract {

    static final int SEGMENT = EncryptedFileFormat.SEGMENT_BYTES;
    static final long LARGE_CONTENT_BYTES = 320L << 20;
    static final long HEAP_GROWTH_LIMIT_BYTES = 96L << 20;
    static final List<String> BAD_KEYS = List.of(
            "",
            ".",
            "..",
            "../outside",
            "a/../../outside",
            "/etc/passwd",
            "a/b",
            "a\\b",
            ".hidden",
            "-starts-with-dash",
            "with space",
            "%2e%2e",
            "cl\u00e9",
            "x".repeat(129));

    final String key = UUID.randomUUID().toString();
    final long seed = key.hashCode();

    abstract FileStorage storage();

    /** Fails when anything of the key is left in the backend: content, a temporary file, an unfinished upload. */
    abstract void assertNothingStoredFor(String key) throws IOException;

    @Test
    void storesContentAndReadsItBack() throws IOException {
        byte[] content = GeneratedContent.bytes(seed, 0, 3 * SEGMENT + 1000);

        assertThat(storage().write(key, new ByteArrayInputStream(content))).isEqualTo(content.length);

        assertThat(storage().exists(key)).isTrue();
        assertThat(storage().size(key)).isEqualTo(content.length);
        assertThat(readAll(key, 0, -1)).isEqualTo(content);
    }

    @Test
    void readsExactlyTheRequestedRange() throws IOException {
        int size = 3 * SEGMENT + 1000;
        byte[] content = GeneratedContent.bytes(seed, 0, size);
        storage().write(key, new ByteArrayInputStream(content));

        long[][] ranges = {
            {0, -1},
            {0, 1},
            {1, 10},
            {SEGMENT - 1, 2},
            {SEGMENT, SEGMENT},
            {SEGMENT - 7, SEGMENT + 14},
            {2 * SEGMENT + 5, -1},
            {3 * SEGMENT, -1},
            {3 * SEGMENT - 1, 1},
            {size - 1, 1},
            {size - 1, 10},
            {size - 10, -1},
            {0, size},
            {0, size + 1000L},
            {7, Long.MAX_VALUE},
            {12345, 0},
            {size, 5},
            {size, -1},
            {size + 100L, -1}
        };
        for (long[] range : ranges) {
            long offset = range[0];
            long length = range[1];
            int from = (int) Math.min(offset, size);
            int to = length < 0 || length > size - from ? size : (int) (from + length);
            assertThat(readAll(key, offset, length))
                    .as("bytes %d+%d", offset, length)
                    .isEqualTo(Arrays.copyOfRange(content, from, to));
        }
    }

    @Test
    void storesEmptyContent() throws IOException {
        assertThat(storage().write(key, InputStream.nullInputStream())).isZero();

        assertThat(storage().exists(key)).isTrue();
        assertThat(storage().size(key)).isZero();
        assertThat(readAll(key, 0, -1)).isEmpty();
        assertThat(readAll(key, 3, 10)).isEmpty();
    }

    @Test
    void replacesContentAlreadyUnderTheKey() throws IOException {
        storage().write(key, new ByteArrayInputStream(GeneratedContent.bytes(seed, 0, 2 * SEGMENT)));
        byte[] replacement = GeneratedContent.bytes(seed + 1, 0, 1234);

        storage().write(key, new ByteArrayInputStream(replacement));

        assertThat(storage().size(key)).isEqualTo(replacement.length);
        assertThat(readAll(key, 0, -1)).isEqualTo(replacement);
    }

    @Test
    void deletesContent() throws IOException {
        storage().write(key, new ByteArrayInputStream(GeneratedContent.bytes(seed, 0, 100)));

        storage().delete(key);

        assertThat(storage().exists(key)).isFalse();
        assertNothingStoredFor(key);
        storage().delete(key);
    }

    @Test
    void answersNoSuchFileForAMissingKey() throws IOException {
        assertThat(storage().exists(key)).isFalse();
        assertThatThrownBy(() -> storage().size(key)).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> storage().read(key, 0, -1).close()).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> storage().read(key, 0, 0).close()).isInstanceOf(NoSuchFileException.class);
        storage().delete(key);
    }

    @Test
    void leavesNothingWhenTheContentFailsMidway() throws IOException {
        long failAt = (20L << 20) + 123;
        InputStream failing = GeneratedContent.failingAfter(seed, 40L << 20, failAt);

        assertThatThrownBy(() -> storage().write(key, failing))
                .isInstanceOf(IOException.class)
                .hasStackTraceContaining("went away after " + failAt);

        assertThat(storage().exists(key)).isFalse();
        assertNothingStoredFor(key);
    }

    /**
     * Why the backend's test server loses the content already under a key when an upload over it fails, or {@code null}
     * when it keeps it, as every real backend must.
     */
    String losesExistingContentOnFailedUploadBecause() {
        return null;
    }

    @Test
    void keepsTheOldContentWhenReplacingItFailsMidway() throws IOException {
        assumeTrue(
                losesExistingContentOnFailedUploadBecause() == null, this::losesExistingContentOnFailedUploadBecause);
        byte[] original = GeneratedContent.bytes(seed, 0, 1000);
        storage().write(key, new ByteArrayInputStream(original));

        assertThatThrownBy(() -> storage().write(key, GeneratedContent.failingAfter(seed, 30L << 20, 12L << 20)))
                .isInstanceOf(IOException.class);

        assertThat(readAll(key, 0, -1)).isEqualTo(original);
    }

    @Test
    void refusesKeysOutsideThePattern() {
        for (String bad : BAD_KEYS) {
            assertThatThrownBy(() -> storage().write(bad, new ByteArrayInputStream(new byte[1])))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> storage().read(bad, 0, -1)).as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> storage().size(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> storage().exists(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> storage().delete(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void refusesInvalidRanges() throws IOException {
        storage().write(key, new ByteArrayInputStream(new byte[10]));

        assertThatThrownBy(() -> storage().read(key, -1, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> storage().read(key, 0, -2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void streamsLargeContentInMemoryThatDoesNotGrowWithItsSize() throws IOException {
        HeapGrowthProbe heap = HeapGrowthProbe.start();
        MessageDigest written = sha256();

        long stored = storage()
                .write(
                        key,
                        heap.watching(
                                new DigestInputStream(GeneratedContent.stream(seed, LARGE_CONTENT_BYTES), written)));

        assertThat(stored).isEqualTo(LARGE_CONTENT_BYTES);
        assertThat(storage().size(key)).isEqualTo(LARGE_CONTENT_BYTES);
        MessageDigest read = sha256();
        try (InputStream in = heap.watching(storage().read(key, 0, -1))) {
            in.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), read));
        }
        assertThat(read.digest()).isEqualTo(written.digest());
        long offset = 200_000_003L;
        assertThat(readAll(key, offset, 70_000)).isEqualTo(GeneratedContent.bytes(seed, offset, 70_000));
        System.out.printf(
                "%s: live heap grew by at most %d MiB while streaming %d MiB%n",
                getClass().getSimpleName(), heap.peakGrowth() >> 20, LARGE_CONTENT_BYTES >> 20);
        assertThat(heap.peakGrowth())
                .as("live heap growth while streaming %d MiB", LARGE_CONTENT_BYTES >> 20)
                .isLessThan(HEAP_GROWTH_LIMIT_BYTES);
    }

    byte[] readAll(String key, long offset, long length) throws IOException {
        try (InputStream in = storage().read(key, offset, length)) {
            return in.readAllBytes();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
