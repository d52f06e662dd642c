package org.fedimpute.files.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The layout of a file encrypted at rest (format version 1), kept in one place so that writing, reading a range and
 * computing the plain size agree byte for byte.
 *
 * <pre>
 * header  = "FIEF" | version (1 byte) | key id (4) | salt (32) | nonce prefix (8)          49 bytes
 * body    = segment 0 | segment 1 | … | segment n-1                                         n >= 1
 * segment = AES-256-GCM(file key, nonce = prefix | segment number (4, big-endian),
 *                       plaintext = 64 KiB (the last: 0 to 64 KiB),
 *                       associated data = header | 1 if last segment else 0) | tag (16)
 * file key = HKDF-SHA256(configured key, salt, "fedimpute-files-storage-v1|" + storage key)
 * </pre>
 *
 * Every segment is authenticated on its own, so a range is read by decrypting only the segments it touches. The
 * segment number in the nonce stops segments from being reordered, the last-segment flag stops the file from being
 * cut at a segment boundary, the header in the associated data stops it from being altered, and the storage key in
 * the file key stops a whole file from being passed off as another. The key id (the first bytes of an HMAC of the
 * configured key) names the key a file needs, so that keys can be rotated later; it reveals nothing of the key.
 */
final class EncryptedFileFormat {

    static final int SEGMENT_BYTES = 64 * 1024;
    static final int TAG_BYTES = 16;
    static final int SEALED_SEGMENT_BYTES = SEGMENT_BYTES + TAG_BYTES;

    private static final byte[] MAGIC = {'F', 'I', 'E', 'F'};
    private static final byte VERSION = 1;
    private static final int SALT_BYTES = 32;
    private static final int NONCE_PREFIX_BYTES = 8;
    static final int HEADER_BYTES = MAGIC.length + 1 + Integer.BYTES + SALT_BYTES + NONCE_PREFIX_BYTES;
    private static final long MAX_SEGMENTS = 1L << 32;
    private static final String HMAC = "HmacSHA256";

    private final byte[] masterKey;
    private final int keyId;
    private final SecureRandom random = new SecureRandom();

    EncryptedFileFormat(byte[] masterKey) {
        if (masterKey.length != 32) {
            throw new IllegalArgumentException("The encryption key must be 32 bytes (AES-256)");
        }
        this.masterKey = masterKey.clone();
        this.keyId = ByteBuffer.wrap(
                        hmac(masterKey, "fedimpute-files-storage-key-id".getBytes(StandardCharsets.US_ASCII)))
                .getInt();
    }

    /** The segment count, plain size and length of the last segment of a file stored in {@code storedSize} bytes. */
    record Layout(long segments, long plaintextSize, int lastSegmentBytes) {}

    /** The cipher for a new file under the storage key: fresh salt and nonce prefix, and the header to store first. */
    SegmentCipher newFile(String storageKey) {
        byte[] salt = new byte[SALT_BYTES];
        byte[] prefix = new byte[NONCE_PREFIX_BYTES];
        random.nextBytes(salt);
        random.nextBytes(prefix);
        byte[] header = ByteBuffer.allocate(HEADER_BYTES)
                .put(MAGIC)
                .put(VERSION)
                .putInt(keyId)
                .put(salt)
                .put(prefix)
                .array();
        return new SegmentCipher(header, fileKey(salt, storageKey), prefix, storageKey);
    }

    /** The cipher for a stored file, from its header; a header this key or version cannot read is an IOException. */
    SegmentCipher existingFile(byte[] header, String storageKey) throws IOException {
        if (header.length != HEADER_BYTES || !Arrays.equals(header, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new IOException("Stored content of " + storageKey + " is not an encrypted file (bad header)");
        }
        ByteBuffer fields = ByteBuffer.wrap(header, MAGIC.length, HEADER_BYTES - MAGIC.length);
        byte version = fields.get();
        if (version != VERSION) {
            throw new IOException("Stored content of " + storageKey + " has encryption format version " + version
                    + ", not " + VERSION);
        }
        int storedKeyId = fields.getInt();
        if (storedKeyId != keyId) {
            throw new IOException(String.format(
                    "Stored content of %s was encrypted with key id %08x, but the configured key has id %08x: "
                            + "configure the key it was written with",
                    storageKey, storedKeyId, keyId));
        }
        byte[] salt = new byte[SALT_BYTES];
        byte[] prefix = new byte[NONCE_PREFIX_BYTES];
        fields.get(salt).get(prefix);
        return new SegmentCipher(header.clone(), fileKey(salt, storageKey), prefix, storageKey);
    }

    /** How a file stored in {@code storedSize} bytes divides into segments; a size no writer produces is corrupt. */
    static Layout layout(long storedSize, String storageKey) throws IOException {
        long body = storedSize - HEADER_BYTES;
        if (body < TAG_BYTES) {
            throw new IOException("Stored content of " + storageKey + " is too short to be an encrypted file");
        }
        long segments = (body + SEALED_SEGMENT_BYTES - 1) / SEALED_SEGMENT_BYTES;
        int last = (int) (body - (segments - 1) * SEALED_SEGMENT_BYTES);
        if (last < TAG_BYTES || segments > MAX_SEGMENTS) {
            throw new IOException(
                    "Stored content of " + storageKey + " has a length no encrypted file has: truncated?");
        }
        return new Layout(segments, body - segments * TAG_BYTES, last);
    }

    /** The segment count must fit the 4-byte counter of the nonce. */
    static void requireSegmentNumber(long segment, String storageKey) throws IOException {
        if (segment >= MAX_SEGMENTS) {
            throw new IOException("Content for " + storageKey + " is too large to encrypt (more than 2^32 segments)");
        }
    }

    /** HKDF-SHA256 (RFC 5869) with one output block: the 32-byte AES key for one stored file. */
    private SecretKeySpec fileKey(byte[] salt, String storageKey) {
        byte[] pseudoRandomKey = hmac(salt, masterKey);
        byte[] info = ("fedimpute-files-storage-v1|" + storageKey).getBytes(StandardCharsets.US_ASCII);
        byte[] block = Arrays.copyOf(info, info.length + 1);
        block[info.length] = 1;
        return new SecretKeySpec(hmac(pseudoRandomKey, block), "AES");
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every JDK has HMAC-SHA256", e);
        }
    }
}
