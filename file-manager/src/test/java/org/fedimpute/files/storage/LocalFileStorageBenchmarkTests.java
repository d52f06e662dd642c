package org.fedimpute.files.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Prints how fast {@link LocalFileStorage} writes a 2 GiB stream, plain and encrypted, next to {@code dd} writing the
 * same amount to the same directory with {@code conv=fdatasync}, and how fast the files read back. Figures, not
 * assertions: run with {@code ./mvnw -o verify -pl file-manager -Dgroups=benchmark -DexcludedGroups=}; the
 * output is in {@code target/surefire-reports/*LocalFileStorageBenchmarkTests-output.txt}.
 */
@Tag("benchmark")
class LocalFileStorageBenchmarkTests {

    private static final long SIZE = 2048L << 20;
    private static final int ROUNDS = 2;

    @Test
    void writesAsFastAsTheDiskAllows() throws IOException, InterruptedException {
        Path directory = Path.of("target", "storage-benchmark").toAbsolutePath();
        deleteRecursively(directory);
        Files.createDirectories(directory);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        FileStorage plain = new LocalFileStorage(directory, true);
        FileStorage encrypted = new EncryptedFileStorage(new LocalFileStorage(directory, true), key);

        System.out.printf("Writing %d MiB to %s, %d rounds (MB = 10^6 bytes)%n", SIZE >> 20, directory, ROUNDS);
        for (int round = 1; round <= ROUNDS; round++) {
            double dd = dd(directory);
            double plainWrite = write(plain, "plain");
            double encryptedWrite = write(encrypted, "encrypted");
            double plainRead = read(plain, "plain");
            double encryptedRead = read(encrypted, "encrypted");
            System.out.printf(
                    "round %d: dd %.0f MB/s | write plain %.0f MB/s (%.2f x dd), encrypted %.0f MB/s (%.2f x dd)"
                            + " | read plain %.0f MB/s, encrypted %.0f MB/s%n",
                    round,
                    dd,
                    plainWrite,
                    plainWrite / dd,
                    encryptedWrite,
                    encryptedWrite / dd,
                    plainRead,
                    encryptedRead);
            plain.delete("plain");
            encrypted.delete("encrypted");
        }
        deleteRecursively(directory);
    }

    private static double dd(Path directory) throws IOException, InterruptedException {
        Path target = directory.resolve("x");
        long start = System.nanoTime();
        Process dd = new ProcessBuilder(
                        "dd", "if=/dev/zero", "of=" + target, "bs=1M", "count=" + (SIZE >> 20), "conv=fdatasync")
                .redirectErrorStream(true)
                .start();
        String output = new String(dd.getInputStream().readAllBytes());
        assertThat(dd.waitFor()).as(output).isZero();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.print("  dd: " + output.lines().reduce((first, last) -> last).orElse("") + "\n");
        Files.delete(target);
        return SIZE / 1e6 / seconds;
    }

    private static double write(FileStorage storage, String key) throws IOException {
        long start = System.nanoTime();
        assertThat(storage.write(key, zeros(SIZE))).isEqualTo(SIZE);
        return SIZE / 1e6 / ((System.nanoTime() - start) / 1e9);
    }

    private static double read(FileStorage storage, String key) throws IOException {
        long start = System.nanoTime();
        try (InputStream in = storage.read(key, 0, -1)) {
            assertThat(in.transferTo(OutputStream.nullOutputStream())).isEqualTo(SIZE);
        }
        return SIZE / 1e6 / ((System.nanoTime() - start) / 1e9);
    }

    /** Zeros, like {@code /dev/zero}: the source costs next to nothing, so the figures are the storage's. */
    private static InputStream zeros(long size) {
        return new InputStream() {
            private long remaining = size;

            @Override
            public int read() {
                if (remaining == 0) {
                    return -1;
                }
                remaining--;
                return 0;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                Objects.checkFromIndexSize(off, len, b.length);
                if (remaining == 0) {
                    return -1;
                }
                int n = (int) Math.min(len, remaining);
                Arrays.fill(b, off, off + n, (byte) 0);
                remaining -= n;
                return n;
            }
        };
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
