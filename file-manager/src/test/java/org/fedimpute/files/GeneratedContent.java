package org.fedimpute.files;

import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * A stream of pseudo-random bytes of a given length, generated on the fly (never held whole in memory or on disk),
 * that computes its own SHA-256 as it is read: the bytes a test sends and the checksum it expects back.
 */
public final class GeneratedContent extends InputStream {

    private final SplittableRandom random;
    private final MessageDigest sha256;
    private long left;

    public GeneratedContent(long length, long seed) {
        this.random = new SplittableRandom(seed);
        this.left = length;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The bytes of a small generated file, for tests that send it whole. */
    public static byte[] bytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new GeneratedContent(length, seed).read(bytes, 0, length);
        return bytes;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (left == 0) {
            return -1;
        }
        int count = (int) Math.min(length, left);
        int i = 0;
        for (; i + 8 <= count; i += 8) {
            long value = random.nextLong();
            for (int b = 0; b < 8; b++) {
                buffer[offset + i + b] = (byte) (value >>> (b * 8));
            }
        }
        for (; i < count; i++) {
            buffer[offset + i] = (byte) random.nextInt(256);
        }
        sha256.update(buffer, offset, count);
        left -= count;
        return count;
    }

    @Override
    public void close() {}

    /** The SHA-256 (hex) of the bytes read so far: of the whole content once it has all been read. */
    public String sha256() {
        return HexFormat.of().formatHex(sha256.digest());
    }
}
