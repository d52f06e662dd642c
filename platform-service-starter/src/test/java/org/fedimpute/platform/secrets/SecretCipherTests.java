package org.fedimpute.platform.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** AES-GCM at rest: values round-trip, and tampering, another row's value or another key are all refused. */
class SecretCipherTests {

    private static final String SETTING = "fedimpute.users.secrets.key";
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private final SecretCipher cipher = new SecretCipher(KEY, SETTING);

    @Test
    void aValueRoundTripsAndIsNotStoredInClear() {
        byte[] secret = "michigan-token-123".getBytes(StandardCharsets.UTF_8);
        byte[] stored = cipher.encrypt(secret, "user:1/service:2");
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("michigan-token-123");
        assertThat(cipher.decrypt(stored, "user:1/service:2")).isEqualTo(secret);
        assertThat(cipher.encrypt(secret, "user:1/service:2")).isNotEqualTo(stored);
    }

    @Test
    void tamperingOrAnotherRowsContextIsRefused() {
        byte[] stored = cipher.encrypt(new byte[] {1, 2, 3}, "signing-key:a");
        assertThatThrownBy(() -> cipher.decrypt(stored, "signing-key:b")).isInstanceOf(IllegalStateException.class);
        stored[stored.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.decrypt(stored, "signing-key:a")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anotherKeyCannotDecrypt() {
        byte[] stored = cipher.encrypt(new byte[] {9}, "x");
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        SecretCipher other = new SecretCipher(Base64.getEncoder().encodeToString(otherKey), SETTING);
        assertThatThrownBy(() -> other.decrypt(stored, "x")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aMissingOrShortKeyStopsTheServiceWithTheSettingsName() {
        assertThatThrownBy(() -> new SecretCipher(null, SETTING)).hasMessageContaining("FEDIMPUTE_USERS_SECRETS_KEY");
        assertThatThrownBy(() -> new SecretCipher(Base64.getEncoder().encodeToString(new byte[16]), SETTING))
                .hasMessageContaining("32 bytes");
    }
}
