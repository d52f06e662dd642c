package org.fedimpute.files.validation;

import htsjdk.samtools.util.BlockCompressedInputStream;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The outer format of a file as its first bytes tell it (bgzip, plain gzip, other archives, uncompressed), and how to
 * read its content; the file name is never trusted.
 */
enum Container {
    BGZIP(null, null),
    GZIP(null, null),
    PLAIN(null, null),
    ZIP("a ZIP archive", null),
    BZIP2("compressed with bzip2", "bzcat"),
    XZ("compressed with xz", "xzcat"),
    ZSTD("compressed with zstd", "zstdcat");

    private static final int PROBE_BYTES = 18;
    private static final int BUFFER = 1 << 16;

    private final String description;
    private final String decompressor;

    Container(String description, String decompressor) {
        this.description = description;
        this.decompressor = decompressor;
    }

    /** For archives and compressions other than gzip: what the file is, in words; {@code null} for readable ones. */
    String description() {
        return description;
    }

    /** The command that writes a compressed file's content to standard output; {@code null} for archives. */
    String decompressor() {
        return decompressor;
    }

    static Container probe(Path file) {
        byte[] head = new byte[PROBE_BYTES];
        int length;
        try (InputStream in = Files.newInputStream(file)) {
            length = in.readNBytes(head, 0, PROBE_BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (starts(head, length, 0x1f, 0x8b)) {
            return isBgzf(head, length) ? BGZIP : GZIP;
        }
        if (starts(head, length, 'P', 'K', 3, 4)) {
            return ZIP;
        }
        if (starts(head, length, 'B', 'Z', 'h')) {
            return BZIP2;
        }
        if (starts(head, length, 0xfd, '7', 'z', 'X', 'Z', 0)) {
            return XZ;
        }
        if (starts(head, length, 0x28, 0xb5, 0x2f, 0xfd)) {
            return ZSTD;
        }
        return PLAIN;
    }

    /**
     * The decompressed content of a BGZIP, GZIP or PLAIN file. Failures to read the file itself surface as
     * {@link UncheckedIOException} (they are not the file's fault); failures to decompress it as {@link IOException}
     * or htsjdk's runtime exceptions.
     */
    InputStream open(Path file) throws IOException {
        InputStream source = new SourceStream(Files.newInputStream(file));
        return switch (this) {
            case BGZIP -> new OneBlockPerRead(new BlockCompressedInputStream(source, false));
            case GZIP -> new GZIPInputStream(source, BUFFER);
            case PLAIN -> source;
            default -> throw new IllegalStateException(this + " cannot be read");
        };
    }

    private static boolean isBgzf(byte[] head, int length) {
        try {
            return length == PROBE_BYTES
                    && BlockCompressedInputStream.isValidFile(new ByteArrayInputStream(head, 0, length));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean starts(byte[] head, int length, int... magic) {
        if (length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((head[i] & 0xff) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Hands out at most the rest of the current bgzip block per read (htsjdk's stream fills the whole request, across
     * blocks), so that the lines before a damaged block are read before the damage is.
     */
    private static final class OneBlockPerRead extends FilterInputStream {

        OneBlockPerRead(BlockCompressedInputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int available = in.available();
            return in.read(buffer, offset, available > 0 ? Math.min(length, available) : length);
        }
    }

    /** The file's own bytes; an error reading them is the storage's, so it is rethrown unchecked past decoders. */
    private static final class SourceStream extends InputStream {

        private final InputStream in;

        SourceStream(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() {
            try {
                return in.read();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            try {
                return in.read(buffer, offset, length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public int available() {
            try {
                return in.available();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
