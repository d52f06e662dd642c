package org.fedimpute.users.tokens;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

/** Issues the RS256 access tokens every service validates: subject, roles, tier, issuer, expiry and a token id. */
@Service
@EnableConfigurationProperties(TokenProperties.class)
public class AccessTokens {

    private final KeyRing keyRing;
    private final TokenProperties properties;
    private final Clock clock;

    AccessTokens(KeyRing keyRing, TokenProperties properties, Clock clock) {
        this.keyRing = keyRing;
        this.properties = properties;
        this.clock = clock;
    }

    public IssuedToken issue(UUID userId, String role, String tier) {
        Instant now = Instant.now(clock);
        Instant expires = now.plus(properties.accessTokenLifetime());
        RSAKey key = keyRing.signingKey();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(properties.issuer())
                .subject(userId.toString())
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .claim("roles", List.of(role))
                .claim("tier", tier)
                .build();
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return new IssuedToken(jwt.serialize(), properties.accessTokenLifetime());
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign an access token", e);
        }
    }

    /** A signed access token and how long it lives. */
    public record IssuedToken(String value, Duration lifetime) {}
}
