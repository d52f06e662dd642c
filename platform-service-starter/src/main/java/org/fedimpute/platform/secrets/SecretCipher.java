package org.fedimpute.platform.secrets;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a fresh 96-bit nonce per value, stored as {@code nonce || ciphertext+tag}; the associated data
 * binds each ciphertext to what it protects (a key id, a user and service), so a value copied to another row
 * does not decrypt. Each service that keeps secrets builds one from its own key setting.
 */
public final class SecretCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param base64Key 32 random bytes in Base64
     * @param setting the configuration property the key came from, named in the error when it is missing or short
     */
    public SecretCipher(String base64Key, String setting) {
        this.key = new SecretKeySpec(decodeKey(base64Key, setting), "AES");
    }

    public byte[] encrypt(byte[] plaintext, String associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                    .put(nonce)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    public byte[] decrypt(byte[] stored, String associatedData) {
        if (stored.length <= NONCE_BYTES) {
            throw new IllegalArgumentException("Not an encrypted value");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A stored secret could not be decrypted: wrong key or altered data", e);
        }
    }

    private static byte[] decodeKey(String base64, String setting) {
        String variable = setting.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
        if (base64 == null || base64.isBlank()) {
            throw new IllegalStateException(setting + " is not set: give 32 random bytes in Base64 (" + variable + ")");
        }
        byte[] bytes = Base64.getDecoder().decode(base64.trim());
        if (bytes.length != 32) {
            throw new IllegalStateException(setting + " must be 32 bytes (AES-256), got " + bytes.length);
        }
        return bytes;
    }
}
