package org.fedimpute.files.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Encryption at rest over the local backend: the storage contract, plus what the stored bytes reveal (nothing) and
 * what happens when they are altered, cut, reordered or read with another key (an IOException, never plain bytes).
 */
class EncryptedFileStorageTests extends FileStorageContract {

    private static final int HEADER = EncryptedFileFormat.HEADER_BYTES;
    private static final int SEALED = EncryptedFileFormat.SEALED_SEGMENT_BYTES;

    @TempDir
    Path workspace;

    private LocalFileStorage backend;
    private byte[] encryptionKey;
    private FileStorage storage;

    @BeforeEach
    void createStorage() {
        backend = new LocalFileStorage(workspace, true);
        encryptionKey = randomKey();
        storage = new EncryptedFileStorage(backend, encryptionKey);
    }

    @Override
    FileStorage storage() {
        return storage;
    }

    @Override
    void assertNothingStoredFor(String key) throws IOException {
        try (Stream<Path> paths = Files.walk(workspace)) {
            assertThat(paths.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void storesNoPlainTextAndOnlyTheFormatsOverhead() throws IOException {
        String line = "chr20\t60343\trs527639301\tG\tA\t100\tPASS\tAC=1;AN=2\tGT\t0|1\n";
        byte[] plain = line.repeat(5000).getBytes(StandardCharsets.US_ASCII);

        storage.write(key, new ByteArrayInputStream(plain));

        byte[] stored = raw(key);
        long segments = (plain.length + SEGMENT - 1) / SEGMENT;
        assertThat(stored).hasSize((int) (HEADER + plain.length + segments * EncryptedFileFormat.TAG_BYTES));
        String storedText = new String(stored, StandardCharsets.ISO_8859_1);
        assertThat(storedText).doesNotContain("rs527639301").doesNotContain("chr20");
    }

    @Test
    void encryptsTheSameContentDifferentlyEachTime() throws IOException {
        byte[] plain = GeneratedContent.bytes(seed, 0, 1000);
        String other = UUID.randomUUID().toString();

        storage.write(key, new ByteArrayInputStream(plain));
        storage.write(other, new ByteArrayInputStream(plain));

        assertThat(Arrays.copyOfRange(raw(key), HEADER, HEADER + 1016))
                .isNotEqualTo(Arrays.copyOfRange(raw(other), HEADER, HEADER + 1016));
    }

    @Test
    void refusesAnAlteredByteButStillReadsTheSegmentsAroundIt() throws IOException {
        byte[] plain = storeThreeSegmentsAndABit();
        byte[] stored = raw(key);
        stored[HEADER + SEALED + 100] ^= 0x01;
        rewrite(key, stored);

        assertAuthenticationFails(0, -1);
        assertAuthenticationFails(SEGMENT + 50, 10);
        assertThat(readAll(key, 10, 100)).isEqualTo(Arrays.copyOfRange(plain, 10, 110));
        assertThat(readAll(key, 2 * SEGMENT, -1)).isEqualTo(Arrays.copyOfRange(plain, 2 * SEGMENT, plain.length));
    }

    @Test
    void refusesAnAlteredTag() throws IOException {
        storeThreeSegmentsAndABit();
        byte[] stored = raw(key);
        stored[stored.length - 1] ^= (byte) 0x80;
        rewrite(key, stored);

        assertAuthenticationFails(3 * SEGMENT, -1);
    }

    @Test
    void refusesContentWhoseLastSegmentWasDropped() throws IOException {
        storeThreeSegmentsAndABit();
        byte[] stored = raw(key);
        rewrite(key, Arrays.copyOf(stored, HEADER + 3 * SEALED));

        assertThat(storage.size(key)).isEqualTo(3L * SEGMENT);
        assertAuthenticationFails(0, -1);
        assertAuthenticationFails(2 * SEGMENT, 10);
    }

    @Test
    void refusesContentCutInsideASegment() throws IOException {
        storeThreeSegmentsAndABit();
        byte[] stored = raw(key);
        rewrite(key, Arrays.copyOf(stored, stored.length - 5));

        assertAuthenticationFails(0, -1);
    }

    @Test
    void refusesContentWithAnExtraSegmentAppended() throws IOException {
        storeThreeSegmentsAndABit();
        byte[] stored = raw(key);
        byte[] longer = Arrays.copyOf(stored, stored.length + SEALED);
        System.arraycopy(stored, HEADER, longer, stored.length, SEALED);
        rewrite(key, longer);

        assertAuthenticationFails(0, -1);
    }

    @Test
    void refusesSwappedSegments() throws IOException {
        storeThreeSegmentsAndABit();
        byte[] stored = raw(key);
        byte[] swapped = stored.clone();
        System.arraycopy(stored, HEADER, swapped, HEADER + SEALED, SEALED);
        System.arraycopy(stored, HEADER + SEALED, swapped, HEADER, SEALED);
        rewrite(key, swapped);

        assertAuthenticationFails(0, -1);
        assertAuthenticationFails(SEGMENT, 1);
    }

    @Test
    void refusesAnAlteredHeader() throws IOException {
        storeThreeSegmentsAndABit();
        byte[] stored = raw(key);
        byte[] saltChanged = stored.clone();
        saltChanged[20] ^= 0x01;
        rewrite(key, saltChanged);
        assertAuthenticationFails(0, -1);

        byte[] versionChanged = stored.clone();
        versionChanged[4] = 2;
        rewrite(key, versionChanged);
        assertThatThrownBy(() -> readAll(key, 0, -1))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("format version 2");
    }

    @Test
    void refusesContentMovedFromAnotherKey() throws IOException {
        storeThreeSegmentsAndABit();
        String other = UUID.randomUUID().toString();
        rewrite(other, raw(key));

        assertThatThrownBy(() -> readAll(other, 0, -1))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("failed authentication");
    }

    @Test
    void refusesToDecryptWithAnotherKey() throws IOException {
        storeThreeSegmentsAndABit();
        FileStorage otherKey = new EncryptedFileStorage(backend, randomKey());

        assertThatThrownBy(() -> otherKey.read(key, 0, -1).readAllBytes())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("encrypted with key id");
    }

    @Test
    void refusesStoredBytesThatAreNotAnEncryptedFile() throws IOException {
        rewrite(key, "plain text, never encrypted".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> readAll(key, 0, -1)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> storage.size(key)).isInstanceOf(IOException.class);
    }

    @Test
    void authenticatesAnEmptyFileWhenItIsRead() throws IOException {
        storage.write(key, InputStream.nullInputStream());
        byte[] stored = raw(key);
        stored[stored.length - 1] ^= 0x01;
        rewrite(key, stored);

        assertAuthenticationFails(0, -1);
    }

    private byte[] storeThreeSegmentsAndABit() throws IOException {
        byte[] plain = GeneratedContent.bytes(seed, 0, 3 * SEGMENT + 1000);
        storage.write(key, new ByteArrayInputStream(plain));
        return plain;
    }

    private void assertAuthenticationFails(long offset, long length) {
        assertThatThrownBy(() -> readAll(key, offset, length))
                .as("reading %d+%d", offset, length)
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Stored content of " + key)
                .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("failed authentication", "truncated"));
    }

    private byte[] raw(String key) throws IOException {
        try (InputStream in = backend.read(key, 0, -1)) {
            return in.readAllBytes();
        }
    }

    private void rewrite(String key, byte[] stored) throws IOException {
        backend.write(key, new ByteArrayInputStream(stored));
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
