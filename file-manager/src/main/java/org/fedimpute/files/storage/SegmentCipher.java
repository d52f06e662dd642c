package org.fedimpute.files.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals and opens the segments of one encrypted file (see {@link EncryptedFileFormat}), holding its header, its own
 * AES key and nonce prefix; one instance serves one stream on one thread.
 */
final class SegmentCipher {

    private static final int TAG_BITS = EncryptedFileFormat.TAG_BYTES * 8;
    private static final byte[] LAST = {1};
    private static final byte[] NOT_LAST = {0};

    private final byte[] header;
    private final SecretKeySpec fileKey;
    private final byte[] nonce;
    private final int counterOffset;
    private final String storageKey;
    private final Cipher cipher;

    SegmentCipher(byte[] header, SecretKeySpec fileKey, byte[] noncePrefix, String storageKey) {
        this.header = header;
        this.fileKey = fileKey;
        this.nonce = ByteBuffer.allocate(noncePrefix.length + Integer.BYTES)
                .put(noncePrefix)
                .array();
        this.counterOffset = noncePrefix.length;
        this.storageKey = storageKey;
        try {
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every JDK has AES/GCM", e);
        }
    }

    byte[] header() {
        return header.clone();
    }

    /** Encrypts {@code length} plain bytes as segment {@code segment} into {@code sealed}; answers the sealed length. */
    int seal(long segment, boolean last, byte[] plain, int length, byte[] sealed) throws IOException {
        try {
            init(Cipher.ENCRYPT_MODE, segment, last);
            return cipher.doFinal(plain, 0, length, sealed, 0);
        } catch (GeneralSecurityException e) {
            throw new IOException("Could not encrypt segment " + segment + " of " + storageKey, e);
        }
    }

    /**
     * Decrypts and authenticates segment {@code segment} from {@code length} sealed bytes into {@code plain}; answers
     * the plain length. Altered, moved or cut content and a wrong key all fail here, before any byte is released.
     */
    int open(long segment, boolean last, byte[] sealed, int length, byte[] plain) throws IOException {
        try {
            init(Cipher.DECRYPT_MODE, segment, last);
            return cipher.doFinal(sealed, 0, length, plain, 0);
        } catch (AEADBadTagException e) {
            throw new IOException("Stored content of " + storageKey + " failed authentication at segment " + segment
                    + ": it was altered, truncated or reordered, or encrypted with another key");
        } catch (GeneralSecurityException e) {
            throw new IOException("Could not decrypt segment " + segment + " of " + storageKey, e);
        }
    }

    private void init(int mode, long segment, boolean last) throws GeneralSecurityException {
        ByteBuffer.wrap(nonce, counterOffset, Integer.BYTES).putInt((int) segment);
        cipher.init(mode, fileKey, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(header);
        cipher.updateAAD(last ? LAST : NOT_LAST);
    }
}
