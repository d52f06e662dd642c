package org.fedimpute.users.tokens;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Lifetimes of the tokens user-service issues and the rhythm of its key rotation.
 *
 * @param issuer the {@code iss} claim of every access token
 * @param accessTokenLifetime how long an access token is valid
 * @param refreshTokenLifetime how long a refresh token may be used
 * @param keyRotationInterval how long a signing key signs before its successor takes over
 * @param keyPrePublication how long a new key is published before it signs, longer than any service caches
 *     the JWKS, so no service ever sees a token signed by a key it does not know
 * @param clockSkew tolerance for clocks between services
 */
@ConfigurationProperties("fedimpute.tokens")
public record TokenProperties(
        @DefaultValue("fedimpute") String issuer,
        @DefaultValue("15m") Duration accessTokenLifetime,
        @DefaultValue("14d") Duration refreshTokenLifetime,
        @DefaultValue("30d") Duration keyRotationInterval,
        @DefaultValue("10m") Duration keyPrePublication,
        @DefaultValue("1m") Duration clockSkew) {}
