package org.fedimpute.files.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local filesystem backend: the storage contract, plus its file layout and its refusal to leave its root. */
class LocalFileStorageTests extends FileStorageContract {

    @TempDir
    Path workspace;

    private Path root;
    private FileStorage storage;

    @BeforeEach
    void createStorage() {
        root = workspace.resolve("files");
        storage = new LocalFileStorage(root, true);
    }

    @Override
    FileStorage storage() {
        return storage;
    }

    @Override
    void assertNothingStoredFor(String key) throws IOException {
        assertThat(filesUnder(workspace)).as("files left under %s", workspace).isEmpty();
    }

    @Test
    void storesAKeyTwoFanOutDirectoriesDeepWithNoTemporaryFileLeft() throws IOException {
        storage().write(key, new ByteArrayInputStream(new byte[] {1, 2, 3}));

        String hash = HexFormat.of().formatHex(sha256(key));
        Path expected =
                root.resolve(hash.substring(0, 2)).resolve(hash.substring(2, 4)).resolve(key);
        assertThat(filesUnder(workspace)).containsExactly(expected);
        assertThat(Files.readAllBytes(expected)).containsExactly(1, 2, 3);
    }

    @Test
    void neverTouchesAnythingOutsideItsRoot() throws IOException {
        Path outside = Files.writeString(workspace.resolve("outside"), "keep me");

        for (String bad : BAD_KEYS) {
            assertThatThrownBy(() -> storage().write(bad, new ByteArrayInputStream(new byte[] {1})))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> storage().delete(bad)).isInstanceOf(IllegalArgumentException.class);
        }

        assertThat(filesUnder(workspace)).containsExactly(outside);
        assertThat(Files.readString(outside)).isEqualTo("keep me");
    }

    @Test
    void deletingAKeyRemovesThePartialWriteOfAProcessThatDiedWritingIt() throws IOException {
        String other = key + "x";
        storage().write(key, new ByteArrayInputStream(new byte[] {1, 2, 3}));
        storage().write(other, new ByteArrayInputStream(new byte[] {4}));
        Path stored = filesUnder(workspace).stream()
                .filter(file -> file.getFileName().toString().equals(key))
                .findFirst()
                .orElseThrow();
        Path leftByADeadWriter = Files.writeString(stored.resolveSibling("." + key + ".1234.part"), "partial");
        Path otherKeysWrite = Files.writeString(stored.resolveSibling("." + other + ".99.part"), "in progress");

        storage().delete(key);

        assertThat(filesUnder(workspace))
                .doesNotContain(stored, leftByADeadWriter)
                .contains(otherKeysWrite);
        storage().delete("never-written");
    }

    @Test
    void worksWithoutFsync() throws IOException {
        FileStorage unsynced = new LocalFileStorage(workspace.resolve("unsynced"), false);

        unsynced.write(key, new ByteArrayInputStream("ACGT".getBytes(StandardCharsets.US_ASCII)));

        try (InputStream in = unsynced.read(key, 1, 2)) {
            assertThat(in.readAllBytes()).asString(StandardCharsets.US_ASCII).isEqualTo("CG");
        }
    }

    private static List<Path> filesUnder(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            return paths.filter(Files::isRegularFile).toList();
        }
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
