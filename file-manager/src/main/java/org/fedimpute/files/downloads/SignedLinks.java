package org.fedimpute.files.downloads;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.fedimpute.platform.web.Problems;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Signs and checks download links: an HMAC-SHA256 over the file id, the user the link was made for and its expiry,
 * compared in constant time. A link that was altered in any part, or has expired, is refused with 403.
 */
@Component
@EnableConfigurationProperties(LinkProperties.class)
class SignedLinks {

    static final String SETTING = "fedimpute.files.links.secret";
    private static final int MIN_KEY_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final LinkProperties properties;
    private final Clock clock;

    SignedLinks(LinkProperties properties, Clock clock) {
        this.key = new SecretKeySpec(decodeKey(properties.secret()), ALGORITHM);
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * A link's signed parts.
     *
     * @param ttl how long it works; {@code null} for the default
     * @throws ErrorResponseException 400 when {@code ttl} is not positive or exceeds the maximum
     */
    Signature sign(UUID fileId, String user, Duration ttl) {
        Duration lifetime = ttl == null ? properties.defaultTtl() : ttl;
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(properties.maxTtl()) > 0) {
            throw Problems.invalidField(
                    "expiresInSeconds",
                    "must be between 1 and " + properties.maxTtl().toSeconds() + " seconds");
        }
        long expires = Instant.now(clock).plus(lifetime).getEpochSecond();
        return new Signature(user, expires, mac(fileId, user, expires));
    }

    /** Refuses (403) a link that was not signed here for exactly this file, user and expiry, or has expired. */
    void verify(UUID fileId, String user, String expires, String signature) {
        if (user == null || expires == null || signature == null || !expires.matches("\\d{1,12}")) {
            throw invalid();
        }
        byte[] presented;
        try {
            presented = Base64.getUrlDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        long expiry = Long.parseLong(expires);
        byte[] expected = Base64.getUrlDecoder().decode(mac(fileId, user, expiry));
        if (!MessageDigest.isEqual(expected, presented)) {
            throw invalid();
        }
        if (Instant.now(clock).getEpochSecond() >= expiry) {
            throw Problems.error(HttpStatus.FORBIDDEN, "This download link has expired; ask for a new one.");
        }
    }

    private String mac(UUID fileId, String user, long expires) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] signed =
                    mac.doFinal(("v1\n" + fileId + "\n" + user + "\n" + expires).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static ErrorResponseException invalid() {
        return Problems.error(HttpStatus.FORBIDDEN, "This download link is not valid.");
    }

    private static byte[] decodeKey(String secret) {
        String variable = SETTING.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
        if (secret == null || secret.isBlank()) {
            throw new IllegalStateException(
                    SETTING + " is not set: give at least 32 random bytes in Base64 (" + variable + ")");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(secret.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(SETTING + " is not valid Base64");
        }
        if (bytes.length < MIN_KEY_BYTES) {
            throw new IllegalStateException(
                    SETTING + " must be at least " + MIN_KEY_BYTES + " bytes, got " + bytes.length);
        }
        return bytes;
    }

    /** The signed parts of a link: who it is for, until when (epoch seconds), and the signature (Base64url). */
    record Signature(String user, long expires, String value) {

        Instant expiresAt() {
            return Instant.ofEpochSecond(expires);
        }
    }
}
