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

/**
 * Issues the RS256 access tokens every service validates: for people (subject, roles, tier), for API keys (also the
 * key id and its scopes) and for services (client credentials); all with issuer, expiry and a token id.
 */
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

    /** A person's access token, after a login or a refresh. */
    public IssuedToken issue(UUID userId, String role, String tier) {
        return sign(
                new JWTClaimsSet.Builder()
                        .subject(userId.toString())
                        .claim("roles", List.of(role))
                        .claim("tier", tier),
                properties.accessTokenLifetime());
    }

    /** A token standing for an API key's owner, limited to the key's scopes and marked as coming from a key. */
    public IssuedToken issueForApiKey(
            UUID userId, String role, String tier, UUID apiKeyId, List<String> scopes, Duration lifetime) {
        return sign(
                new JWTClaimsSet.Builder()
                        .subject(userId.toString())
                        .claim("roles", List.of(role))
                        .claim("tier", tier)
                        .claim("api_key_id", apiKeyId.toString())
                        .claim("scope", String.join(" ", scopes)),
                lifetime);
    }

    /** A platform service's own token (client credentials), for calls between services. */
    public IssuedToken issueForService(String clientId, Duration lifetime) {
        return sign(
                new JWTClaimsSet.Builder()
                        .subject("service:" + clientId)
                        .claim("roles", List.of("SERVICE"))
                        .claim("client_id", clientId),
                lifetime);
    }

    private IssuedToken sign(JWTClaimsSet.Builder claims, Duration lifetime) {
        Instant now = Instant.now(clock);
        RSAKey key = keyRing.signingKey();
        claims.issuer(properties.issuer())
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)));
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .build(),
                    claims.build());
            jwt.sign(new RSASSASigner(key));
            return new IssuedToken(jwt.serialize(), lifetime);
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign an access token", e);
        }
    }

    /** A signed access token and how long it lives. */
    public record IssuedToken(String value, Duration lifetime) {}
}
