package org.fedimpute.files.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * File contents on the local filesystem, for a single machine and for development. A key lives at {@code
 * <root>/ab/cd/<key>}, where {@code abcd} starts the SHA-256 of the key, so that no directory grows past a few
 * hundred entries however keys are made.
 *
 * <p>A write goes to a hidden temporary file in the key's directory ({@code .<key>.<random>.part}) and is renamed over
 * the key only once complete, so a reader never sees a partial file and a failed write leaves nothing. With {@code
 * fsync} on (the default), {@link #write} returns only when the content and its directory entry are on stable storage:
 * the file's data is forced before the rename and the directory after it (and the fan-out directories when they are
 * new). With it off, a crash shortly after a write may lose the write but never leaves a partial file under the key. A
 * crash of the JVM during a write can leave a {@code .part} file behind; no key ever names one.
 */
final class LocalFileStorage implements FileStorage {

    private static final int COPY_BUFFER_BYTES = 1 << 20;
    private static final HexFormat HEX = HexFormat.of();

    private final Path root;
    private final boolean fsync;

    LocalFileStorage(Path root, boolean fsync) {
        this.root = root.toAbsolutePath().normalize();
        this.fsync = fsync;
    }

    @Override
    public long write(String key, InputStream content) throws IOException {
        Path file = pathOf(key);
        Path directory = file.getParent();
        createDirectories(directory);
        Path part = Files.createTempFile(directory, "." + key + ".", ".part");
        try {
            long written = copy(content, part);
            Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            if (fsync) {
                force(directory);
            }
            return written;
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(part);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    @Override
    public InputStream read(String key, long offset, long length) throws IOException {
        StorageKey.requireRange(offset, length);
        FileChannel channel = FileChannel.open(pathOf(key), StandardOpenOption.READ);
        try {
            long size = channel.size();
            long available = Math.max(0, size - offset);
            channel.position(Math.min(offset, size));
            return new BoundedInputStream(
                    Channels.newInputStream(channel), length < 0 ? available : Math.min(length, available));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public long size(String key) throws IOException {
        return Files.size(pathOf(key));
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(pathOf(key));
    }

    /**
     * Removes the content and any partial write of the key left by a process that died while writing it (a write
     * that fails removes its own), so that retention removing an abandoned upload removes its bytes too.
     */
    @Override
    public void delete(String key) throws IOException {
        Path file = pathOf(key);
        Files.deleteIfExists(file);
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(file.getParent(), "." + key + ".*.part")) {
            for (Path part : parts) {
                Files.deleteIfExists(part);
            }
        } catch (NoSuchFileException nothingWasEverWrittenThere) {
            // The key's directory does not exist: nothing to remove.
        }
    }

    @Override
    public Optional<Path> localPath(String key) {
        return Optional.of(pathOf(key));
    }

    private Path pathOf(String key) {
        String hash = sha256Hex(StorageKey.require(key));
        return root.resolve(hash.substring(0, 2)).resolve(hash.substring(2, 4)).resolve(key);
    }

    private long copy(InputStream content, Path part) throws IOException {
        byte[] buffer = new byte[COPY_BUFFER_BYTES];
        long written = 0;
        try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE)) {
            int n;
            while ((n = content.read(buffer)) >= 0) {
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                while (chunk.hasRemaining()) {
                    channel.write(chunk);
                }
                written += n;
            }
            if (fsync) {
                channel.force(false);
            }
        }
        return written;
    }

    /** Creates the key's two fan-out directories when missing, making their new entries durable too. */
    private void createDirectories(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        Files.createDirectories(directory);
        if (fsync) {
            force(directory.getParent());
            force(root);
        }
    }

    private static void force(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static String sha256Hex(String key) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
