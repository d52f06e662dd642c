package org.fedimpute.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.fedimpute.files.storage.FileStorage;

/**
 * A plain directory as {@link FileStorage}, for tests to run the API against real files they can look at; it writes
 * each file under a temporary name, forces it to disk and renames it, so a failed write leaves nothing. Closing it
 * (when its test context closes) deletes the directory.
 */
public final class DirectoryFileStorage implements FileStorage, AutoCloseable {

    private static final int BUFFER_BYTES = 1 << 20;

    private final Path root;

    public DirectoryFileStorage(Path root) {
        this.root = root;
    }

    @Override
    public long write(String key, InputStream content) throws IOException {
        Path target = pathOf(key);
        Path partial = root.resolve(key + ".partial");
        try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            OutputStream out = Channels.newOutputStream(channel);
            byte[] buffer = new byte[BUFFER_BYTES];
            long written = 0;
            for (int read; (read = content.read(buffer)) >= 0; ) {
                out.write(buffer, 0, read);
                written += read;
            }
            channel.force(true);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            return written;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    @Override
    public InputStream read(String key, long offset, long length) throws IOException {
        FileChannel channel =
                FileChannel.open(pathOf(key), StandardOpenOption.READ).position(offset);
        InputStream content = Channels.newInputStream(channel);
        if (length < 0) {
            return content;
        }
        return new java.io.FilterInputStream(content) {
            private long left = length;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int read = super.read();
                left -= read < 0 ? 0 : 1;
                return read;
            }

            @Override
            public int read(byte[] buffer, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int read = super.read(buffer, off, (int) Math.min(len, left));
                left -= Math.max(read, 0);
                return read;
            }
        };
    }

    @Override
    public long size(String key) throws IOException {
        return Files.size(pathOf(key));
    }

    @Override
    public boolean exists(String key) {
        return Files.exists(pathOf(key));
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(pathOf(key));
    }

    /** Every file in the directory, finished or not, so a test can see that nothing was left behind. */
    public List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(root)) {
            return files.toList();
        }
    }

    public Path root() {
        return root;
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private Path pathOf(String key) {
        if (!key.matches("[0-9a-f-]{36}")) {
            throw new IllegalArgumentException("Not a key file-manager generates: " + key);
        }
        return root.resolve(key);
    }
}
