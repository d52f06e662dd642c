package org.fedimpute.test.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Tokens minted for tests verify against the JWKS the issuer serves over HTTP, as a service would fetch it. */
class TestJwtIssuerTests {

    @Test
    void aMintedTokenVerifiesAgainstTheServedKeySetAndCarriesThePlatformClaims() throws Exception {
        TestJwtIssuer issuer = TestJwtIssuer.get();
        UUID userId = UUID.randomUUID();
        SignedJWT token = SignedJWT.parse(issuer.admin(userId));

        JWKSet served = JWKSet.load(URI.create(issuer.jwksUri()).toURL());
        RSAKey key = (RSAKey) served.getKeyByKeyId(token.getHeader().getKeyID());
        assertThat(key.isPrivate()).isFalse();
        assertThat(token.verify(new RSASSAVerifier(key))).isTrue();

        assertThat(token.getJWTClaimsSet().getSubject()).isEqualTo(userId.toString());
        assertThat(token.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("ADMIN");
        assertThat(token.getJWTClaimsSet().getExpirationTime()).isAfter(new Date());
    }

    @Test
    void anExpiredTokenCanBeMintedForNegativeTests() throws Exception {
        String expired = TestJwtIssuer.get().mint("someone", List.of("RESEARCHER"), "FREE", Duration.ofMinutes(-1));
        assertThat(SignedJWT.parse(expired).getJWTClaimsSet().getExpirationTime())
                .isBefore(new Date());
    }
}
