package org.fedimpute.files.uploads;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.fedimpute.files.records.ReceivedContent;

/**
 * Passes an upload's bytes through while counting them and computing their SHA-256 (on the reading thread) and MD5
 * (beside it, on a {@link BackgroundDigest}), so checksums cost no second read; it fails the read that goes past its
 * limit, so an oversized upload stops there. {@link #release()} it when the upload is over, however it ended.
 */
final class ChecksummingInputStream extends FilterInputStream {

    private final MessageDigest sha256 = digest("SHA-256");
    private final BackgroundDigest md5 = new BackgroundDigest("MD5");
    private final long limit;
    private long count;
    private boolean limitExceeded;

    ChecksummingInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int read = read(one, 0, 1);
        return read < 0 ? -1 : one[0] & 0xff;
    }

    /**
     * Fills as much of the buffer as the upload has left, so that storage writes, and checksums update, in chunks of
     * the reader's size rather than of whatever happened to arrive (a multipart parser hands out 4 KB at a time).
     */
    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int read = in.readNBytes(buffer, offset, length);
        if (read == 0 && length > 0) {
            return -1;
        }
        if (read > 0) {
            count += read;
            if (count > limit) {
                limitExceeded = true;
                throw new IOException("The upload went past its limit of " + limit + " bytes");
            }
            sha256.update(buffer, offset, read);
            md5.update(buffer, offset, read);
        }
        return read;
    }

    /** Reads what is skipped, so that it is counted and checksummed too. */
    @Override
    public long skip(long n) throws IOException {
        byte[] discard = new byte[(int) Math.min(n, 8192)];
        long skipped = 0;
        while (skipped < n) {
            int read = read(discard, 0, (int) Math.min(discard.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public void mark(int readLimit) {
        // Not supported: a reset would count and checksum bytes twice.
    }

    @Override
    public void reset() throws IOException {
        throw new IOException("mark/reset is not supported");
    }

    boolean limitExceeded() {
        return limitExceeded;
    }

    /** The size and checksums of everything read; call once, at the end. */
    ReceivedContent result() throws IOException {
        HexFormat hex = HexFormat.of();
        return new ReceivedContent(count, hex.formatHex(sha256.digest()), hex.formatHex(md5.digest()));
    }

    /** Stops the background checksum of an upload that ended without {@link #result()}; harmless after it. */
    void release() {
        md5.abandon();
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from this JVM", e);
        }
    }
}
