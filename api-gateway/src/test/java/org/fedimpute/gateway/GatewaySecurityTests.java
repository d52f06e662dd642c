package org.fedimpute.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fedimpute.test.security.TestJwtIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway fails closed on tokens: every kind of bad token is a 401 problem and never reaches a service, admin
 * paths need the ADMIN role, and a good token travels on unchanged. Also: configured CORS origins are honoured.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.cloud.gateway.server.webflux.globalcors.cors-configurations.[/api/**].allowed-origins=https://app.fedimpute.test",
            "spring.cloud.gateway.server.webflux.globalcors.cors-configurations.[/api/**].allowed-methods=GET,POST"
        })
class GatewaySecurityTests {

    private static final EchoUpstream upstream = new EchoUpstream("echo");
    private static final TestJwtIssuer issuer = TestJwtIssuer.get();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        for (String service : List.of("users", "registry", "jobs", "files", "notifications", "monitoring")) {
            registry.add("fedimpute.gateway.upstream." + service, upstream::url);
        }
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", issuer::jwksUri);
        registry.add("spring.data.redis.port", GatewayCalls::freePort);
    }

    @AfterAll
    static void stopUpstream() {
        upstream.close();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "alg-none",
                "hs256-with-public-key",
                "expired",
                "other-rsa-key",
                "tampered-payload",
                "other-issuer"
            })
    void aBadTokenIsRefusedAt401AndNeverReachesAService(String kind) throws Exception {
        String token = badToken(kind);
        for (String path : List.of("/api/v1/jobs", "/api/v1/admin/jobs")) {
            int callsBefore = upstream.calls();
            HttpResponse<String> response = calls().get(path, GatewayCalls.bearer(token));
            GatewayCalls.assertProblem(response, 401);
            assertThat(response.headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
            assertThat(response.body()).doesNotContain(token);
            assertThat(upstream.calls()).as(kind + " on " + path).isEqualTo(callsBefore);
        }
    }

    @Test
    void anAdminPathWithoutATokenIs401() {
        int callsBefore = upstream.calls();
        HttpResponse<String> response = calls().get("/api/v1/admin/users/1");
        GatewayCalls.assertProblem(response, 401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(upstream.calls()).isEqualTo(callsBefore);
    }

    @Test
    void aResearcherOnAnAdminPathIs403() {
        int callsBefore = upstream.calls();
        HttpResponse<String> response =
                calls().get("/api/v1/admin/users/1", GatewayCalls.bearer(issuer.researcher(UUID.randomUUID())));
        GatewayCalls.assertProblem(response, 403);
        assertThat(upstream.calls()).isEqualTo(callsBefore);
    }

    @Test
    void anAdminReachesAdminPathsWithTheTokenRelayedUnchanged() {
        String token = issuer.admin(UUID.randomUUID());
        HttpResponse<String> response = calls().get("/api/v1/admin/audit/events", GatewayCalls.bearer(token));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(EchoUpstream.parse(response.body()))
                .containsEntry("path", "/api/v1/admin/audit/events")
                .containsEntry("authorization", "Bearer " + token);
    }

    @Test
    void aResearchersValidTokenIsRelayedUnchangedAndInjectedIdentityIsStripped() {
        String token = issuer.researcher(UUID.randomUUID());
        HttpResponse<String> response = calls().get(
                        "/api/v1/jobs",
                        Map.of(
                                "Authorization",
                                "Bearer " + token,
                                "X-User-Id",
                                UUID.randomUUID().toString()));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(EchoUpstream.parse(response.body()))
                .containsEntry("authorization", "Bearer " + token)
                .containsEntry("userIdHeader", null);
    }

    @Test
    void aCallWithoutATokenPassesOnForTheServiceToDecide() {
        HttpResponse<String> response = calls().get(
                        "/api/v1/reference-panels",
                        Map.of("X-User-Id", UUID.randomUUID().toString()));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(EchoUpstream.parse(response.body()))
                .containsEntry("authorization", null)
                .containsEntry("userIdHeader", null);
    }

    @Test
    void configuredOriginsMayCallAcrossOriginsAndOthersMayNot() {
        HttpResponse<String> allowed = preflight("https://app.fedimpute.test");
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.fedimpute.test");
        HttpResponse<String> refused = preflight("https://elsewhere.example");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    private HttpResponse<String> preflight(String origin) {
        return calls().send(HttpRequest.newBuilder(calls().uri("/api/v1/admin/jobs"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "GET")
                .build());
    }

    private GatewayCalls calls() {
        return GatewayCalls.to(port);
    }

    private static String badToken(String kind) throws Exception {
        UUID user = UUID.randomUUID();
        return switch (kind) {
            case "alg-none" -> new PlainJWT(claims(user, List.of("ADMIN"))).serialize();
            case "hs256-with-public-key" -> {
                SignedJWT jwt = new SignedJWT(
                        new JWSHeader.Builder(JWSAlgorithm.HS256)
                                .keyID(publishedKey().getKeyID())
                                .build(),
                        claims(user, List.of("ADMIN")));
                jwt.sign(new MACSigner(publishedKey().toRSAPublicKey().getEncoded()));
                yield jwt.serialize();
            }
            case "expired" -> issuer.mint(user.toString(), List.of("RESEARCHER"), "FREE", Duration.ofMinutes(-5));
            case "other-issuer" ->
                issuer.mint(user.toString(), List.of("ADMIN"), "PREMIUM", Duration.ofMinutes(5), "someone-else");
            case "other-rsa-key" -> {
                RSAKey impostor = new RSAKeyGenerator(2048)
                        .keyID(publishedKey().getKeyID())
                        .generate();
                SignedJWT jwt = new SignedJWT(
                        new JWSHeader.Builder(JWSAlgorithm.RS256)
                                .keyID(impostor.getKeyID())
                                .build(),
                        claims(user, List.of("ADMIN")));
                jwt.sign(new RSASSASigner(impostor));
                yield jwt.serialize();
            }
            case "tampered-payload" -> {
                String[] parts = issuer.researcher(user).split("\\.");
                Base64URL escalated = Base64URL.encode(
                        claims(user, List.of("ADMIN")).toString().getBytes(StandardCharsets.UTF_8));
                yield parts[0] + "." + escalated + "." + parts[2];
            }
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static JWTClaimsSet claims(UUID user, List<String> roles) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(TestJwtIssuer.ISSUER)
                .subject(user.toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(15))))
                .claim("roles", roles)
                .claim("tier", "PREMIUM")
                .build();
    }

    private static RSAKey publishedKey() throws Exception {
        HttpResponse<String> jwks = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(issuer.jwksUri())).build(),
                        HttpResponse.BodyHandlers.ofString());
        return JWKSet.parse(jwks.body()).getKeys().getFirst().toRSAKey();
    }
}
