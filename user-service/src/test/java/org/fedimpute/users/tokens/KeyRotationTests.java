package org.fedimpute.users.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.fedimpute.test.infra.UseEmbeddedInfra;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.TestPropertySource;

/** A rollover publishes two keys, keeps tokens of the old key valid, and switches signing only when due. */
@SpringBootTest
@UseEmbeddedInfra(redis = false)
@TestPropertySource(properties = "fedimpute.users.secrets.key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=")
class KeyRotationTests {

    @Autowired
    KeyRing keyRing;

    @Autowired
    AccessTokens accessTokens;

    @Autowired
    JwtDecoder decoder;

    @Autowired
    TokenProperties properties;

    @Test
    void aRolloverPublishesBothKeysAndSwitchesSigningAfterPrePublication() {
        String before =
                accessTokens.issue(UUID.randomUUID(), "RESEARCHER", "FREE").value();
        String oldKid = keyRing.signingKey().getKeyID();

        keyRing.rotateNow();

        assertThat(keyRing.publishedKeys().getKeys()).hasSize(2);
        assertThat(keyRing.signingKey().getKeyID()).isEqualTo(oldKid);
        Instant afterPrePublication =
                Instant.now().plus(properties.keyPrePublication()).plusSeconds(1);
        assertThat(keyRing.signingKeyAt(afterPrePublication).getKeyID()).isNotEqualTo(oldKid);
        assertThat(decoder.decode(before).getSubject()).isNotBlank();
    }
}
