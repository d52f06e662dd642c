package org.fedimpute.test.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Mints RS256 access tokens shaped like user-service's and serves the matching JWKS over real HTTP, so that a
 * service under test validates tokens with its production decoder rather than a mock.
 */
public final class TestJwtIssuer {

    /** The issuer user-service names in its tokens ({@code fedimpute.security.token-issuer}). */
    public static final String ISSUER = "fedimpute";

    private static final String JWKS_PATH = "/.well-known/jwks.json";

    private static TestJwtIssuer instance;

    private final RSAKey signingKey;
    private final HttpServer server;

    private TestJwtIssuer() {
        try {
            this.signingKey =
                    new RSAKeyGenerator(2048).keyID("test-" + UUID.randomUUID()).generate();
            byte[] jwks = new JWKSet(signingKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext(JWKS_PATH, exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                try (OutputStream body = exchange.getResponseBody()) {
                    body.write(jwks);
                }
            });
            server.start();
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not generate the test signing key", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not serve the test JWKS", e);
        }
    }

    /** The JVM's issuer, created on first use. */
    public static synchronized TestJwtIssuer get() {
        if (instance == null) {
            instance = new TestJwtIssuer();
        }
        return instance;
    }

    /** Where the JWKS is served, for {@code spring.security.oauth2.resourceserver.jwt.jwk-set-uri}. */
    public String jwksUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + JWKS_PATH;
    }

    /** A researcher's token on the free tier. */
    public String researcher(UUID userId) {
        return mint(userId.toString(), List.of("RESEARCHER"), "FREE", Duration.ofMinutes(15));
    }

    /** An administrator's token. */
    public String admin(UUID userId) {
        return mint(userId.toString(), List.of("ADMIN"), "PREMIUM", Duration.ofMinutes(15));
    }

    /** A signed token with the platform's claims: subject, roles, tier, issuer and expiry. */
    public String mint(String subject, List<String> roles, String tier, Duration lifetime) {
        return mint(subject, roles, tier, lifetime, ISSUER);
    }

    /** A signed token naming any issuer, to show that tokens of another issuer are refused. */
    public String mint(String subject, List<String> roles, String tier, Duration lifetime, String issuer) {
        return sign(claims(subject, roles, tier, lifetime, issuer).build());
    }

    /** A researcher's token exchanged for an API key, as user-service issues it: limited to the key's scopes. */
    public String apiKey(UUID userId, String role, List<String> scopes) {
        return sign(claims(userId.toString(), List.of(role), "FREE", Duration.ofMinutes(5), ISSUER)
                .claim("api_key_id", UUID.randomUUID().toString())
                .claim("scope", String.join(" ", scopes))
                .build());
    }

    private static JWTClaimsSet.Builder claims(
            String subject, List<String> roles, String tier, Duration lifetime, String issuer) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subject)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .claim("roles", roles)
                .claim("tier", tier);
    }

    private String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(signingKey.getKeyID())
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign a test token", e);
        }
    }
}
