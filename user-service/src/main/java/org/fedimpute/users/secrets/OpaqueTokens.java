package org.fedimpute.users.secrets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The secrets user-service hands out and only ever stores hashed (refresh tokens, reset tokens, API keys): 256
 * random bits, URL-safe, and their SHA-256, which suffices for values of that entropy.
 */
public final class OpaqueTokens {

    private static final SecureRandom random = new SecureRandom();

    private OpaqueTokens() {}

    /** 32 random bytes, Base64url without padding (43 characters). */
    public static String generate() {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** The hex SHA-256 under which a token is stored and looked up. */
    public static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
