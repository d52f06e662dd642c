package org.fedimpute.files.storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Plain bytes of a range of an encrypted file, decrypted segment by segment from the sealed segments that cover the
 * range; no byte of a segment is released before the whole segment is authenticated.
 */
final class DecryptingInputStream extends InputStream {

    private final InputStream sealedSegments;
    private final SegmentCipher cipher;
    private final EncryptedFileFormat.Layout layout;
    private final String storageKey;
    private final byte[] sealed = new byte[EncryptedFileFormat.SEALED_SEGMENT_BYTES];
    private final byte[] plain = new byte[EncryptedFileFormat.SEGMENT_BYTES];
    private int plainPosition;
    private int plainLimit;
    private long segment;
    private int skipInFirstSegment;
    private long remaining;
    private boolean opened;

    /**
     * @param sealedSegments the stored bytes from the start of segment {@code firstSegment}
     * @param skipInFirstSegment where the range starts inside the first segment
     * @param length how many plain bytes the range has
     */
    DecryptingInputStream(
            InputStream sealedSegments,
            SegmentCipher cipher,
            EncryptedFileFormat.Layout layout,
            long firstSegment,
            int skipInFirstSegment,
            long length,
            String storageKey) {
        this.sealedSegments = sealedSegments;
        this.cipher = cipher;
        this.layout = layout;
        this.segment = firstSegment;
        this.skipInFirstSegment = skipInFirstSegment;
        this.remaining = length;
        this.storageKey = storageKey;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (!hasPlainBytes()) {
            return -1;
        }
        int n = (int) Math.min(len, Math.min(plainLimit - plainPosition, remaining));
        System.arraycopy(plain, plainPosition, b, off, n);
        plainPosition += n;
        remaining -= n;
        return n;
    }

    /** Opens segments until plain bytes of the range are at hand; an empty range still opens (checks) one segment. */
    private boolean hasPlainBytes() throws IOException {
        while (remaining > 0 || !opened) {
            if (plainPosition < plainLimit && remaining > 0) {
                return true;
            }
            if (segment >= layout.segments()) {
                throw new IOException("Stored content of " + storageKey + " ends before the range read from it");
            }
            openNextSegment();
        }
        return false;
    }

    private void openNextSegment() throws IOException {
        boolean last = segment == layout.segments() - 1;
        int expected = last ? layout.lastSegmentBytes() : sealed.length;
        int length = sealedSegments.readNBytes(sealed, 0, expected);
        if (length < expected) {
            throw new IOException("Stored content of " + storageKey + " is truncated in segment " + segment);
        }
        plainLimit = cipher.open(segment, last, sealed, length, plain);
        plainPosition = skipInFirstSegment;
        skipInFirstSegment = 0;
        segment++;
        opened = true;
    }

    @Override
    public void close() throws IOException {
        sealedSegments.close();
    }
}
