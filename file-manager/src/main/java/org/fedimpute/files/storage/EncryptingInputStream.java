package org.fedimpute.files.storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Turns plain content into the stored form of an encrypted file (header, then sealed segments) as it is read, so that
 * any backend can store encrypted content with its own streaming write. It reads one segment ahead to know which
 * segment is the last; memory is three segments whatever the size. It leaves the plain stream open: that belongs to
 * the caller of the write.
 */
final class EncryptingInputStream extends InputStream {

    private final InputStream plain;
    private final SegmentCipher cipher;
    private final String storageKey;
    private byte[] current = new byte[EncryptedFileFormat.SEGMENT_BYTES];
    private byte[] next = new byte[EncryptedFileFormat.SEGMENT_BYTES];
    private int currentLength = -1;
    private final byte[] sealed = new byte[EncryptedFileFormat.SEALED_SEGMENT_BYTES];
    private byte[] out;
    private int outPosition;
    private int outLimit;
    private long segment;
    private boolean finished;
    private long plainBytes;

    EncryptingInputStream(InputStream plain, SegmentCipher cipher, String storageKey) {
        this.plain = plain;
        this.cipher = cipher;
        this.storageKey = storageKey;
        this.out = cipher.header();
        this.outLimit = out.length;
    }

    /** How many plain bytes have been encrypted so far: the size of the content once the stream is exhausted. */
    long plainBytes() {
        return plainBytes;
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
        while (outPosition == outLimit) {
            if (finished) {
                return -1;
            }
            sealNextSegment();
        }
        int n = Math.min(len, outLimit - outPosition);
        System.arraycopy(out, outPosition, b, off, n);
        outPosition += n;
        return n;
    }

    private void sealNextSegment() throws IOException {
        EncryptedFileFormat.requireSegmentNumber(segment, storageKey);
        if (currentLength < 0) {
            currentLength = plain.readNBytes(current, 0, current.length);
        }
        int nextLength = currentLength < current.length ? 0 : plain.readNBytes(next, 0, next.length);
        boolean last = nextLength == 0;
        out = sealed;
        outLimit = cipher.seal(segment, last, current, currentLength, sealed);
        outPosition = 0;
        plainBytes += currentLength;
        segment++;
        finished = last;
        byte[] done = current;
        current = next;
        next = done;
        currentLength = nextLength;
    }
}
