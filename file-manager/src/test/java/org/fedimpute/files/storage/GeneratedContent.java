package org.fedimpute.files.storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Pseudo-random content of any size, made on the fly from a seed: a test can stream hundreds of megabytes without
 * holding them, and still know the expected bytes at any offset.
 */
final class GeneratedContent extends InputStream {

    private final long seed;
    private final long size;
    private final long failAt;
    private long position;

    private GeneratedContent(long seed, long size, long failAt) {
        this.seed = seed;
        this.size = size;
        this.failAt = failAt;
    }

    static InputStream stream(long seed, long size) {
        return new GeneratedContent(seed, size, Long.MAX_VALUE);
    }

    /** A stream that delivers {@code failAt} bytes of the content and then throws, like a client that went away. */
    static InputStream failingAfter(long seed, long size, long failAt) {
        return new GeneratedContent(seed, size, failAt);
    }

    static byte[] bytes(long seed, long offset, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = byteAt(seed, offset + i);
        }
        return bytes;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (position >= failAt) {
            throw new IOException("The client went away after " + position + " bytes");
        }
        if (position >= size) {
            return -1;
        }
        int n = (int) Math.min(len, Math.min(size, failAt) - position);
        long word = word(seed, position >>> 3);
        for (int i = 0; i < n; i++, position++) {
            if ((position & 7) == 0) {
                word = word(seed, position >>> 3);
            }
            b[off + i] = (byte) (word >>> ((position & 7) << 3));
        }
        return n;
    }

    private static byte byteAt(long seed, long position) {
        return (byte) (word(seed, position >>> 3) >>> ((position & 7) << 3));
    }

    /** SplitMix64 of the word index: cheap, and every word differs. */
    private static long word(long seed, long index) {
        long z = seed + (index + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
