package org.fedimpute.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fedimpute.e2e.journey.Gateway.read;
import static org.fedimpute.e2e.journey.Gateway.send;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.fedimpute.e2e.journey.Gateway;
import org.fedimpute.test.infra.DedicatedRedis;
import org.fedimpute.test.infra.EmbeddedInfra;
import org.fedimpute.test.infra.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Identity and the catalogue as a researcher meets them: user-service, service-registry and the gateway run from
 * their jars as separate processes on a real PostgreSQL and Redis, and every call goes through the gateway. Skipped, with the reason, when the jars have
 * not been built (as in {@code ./mvnw test}); {@code ./mvnw verify} builds them first.
 */
class IdentityJourneyTests {

    private static final String ADMIN_EMAIL = "root@fedimpute.e2e";
    private static final String ADMIN_PASSWORD = "end to end admin passphrase";
    private static final String PASSWORD = "a researcher's passphrase";
    private static final int FREE_LIMIT = 15;

    private static final JsonMapper json = Gateway.JSON;
    private static final HttpClient http = HttpClient.newHttpClient();

    private static DedicatedRedis redis;
    private static ServiceProcess users;
    private static ServiceProcess gateway;
    private static ServiceProcess registry;
    private static WireMockServer michigan;

    @BeforeAll
    static void startThePlatformsFrontDoor() throws Exception {
        assumeTrue(
                Files.exists(ServiceProcess.jarOf("user-service"))
                        && Files.exists(ServiceProcess.jarOf("api-gateway"))
                        && Files.exists(ServiceProcess.jarOf("service-registry")),
                "service jars not built: run ./mvnw verify (the package phase builds them)");
        redis = DedicatedRedis.start();
        String redisPort = Integer.toString(redis.port());
        EmbeddedInfra.DatabaseAccess database = EmbeddedInfra.createDatabase("identity_journey", "users");
        EmbeddedInfra.DatabaseAccess registryDatabase = EmbeddedInfra.createDatabase("catalogue_journey", "registry");
        int usersPort = FreePorts.find();
        int gatewayPort = FreePorts.find();
        int registryPort = FreePorts.find();
        michigan = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        michigan.start();
        String secretsKey = Base64.getEncoder()
                .encodeToString(UUID.randomUUID().toString().substring(0, 32).getBytes());

        Map<String, String> usersEnvironment = new HashMap<>(Map.of(
                "SPRING_DATASOURCE_URL",
                database.jdbcUrl(),
                "SPRING_DATASOURCE_PASSWORD",
                database.password(),
                "SPRING_DATA_REDIS_PORT",
                redisPort,
                "FEDIMPUTE_USERS_SECRETS_KEY",
                secretsKey,
                "FEDIMPUTE_AUTHENTICATION_BCRYPT_COST",
                "4",
                "FEDIMPUTE_USERS_REGISTRY_URL",
                "http://127.0.0.1:" + registryPort));
        usersEnvironment.put(
                "SPRING_APPLICATION_JSON",
                json.writeValueAsString(Map.of(
                        "fedimpute",
                        Map.of(
                                "users",
                                Map.of(
                                        "service-clients", Map.of("api-gateway", "e2e-gateway-secret"),
                                        "first-admin", Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD))))));
        Map<String, String> registryEnvironment = Map.of(
                "SPRING_DATASOURCE_URL",
                registryDatabase.jdbcUrl(),
                "SPRING_DATASOURCE_PASSWORD",
                registryDatabase.password(),
                "SPRING_DATA_REDIS_PORT",
                redisPort,
                "FEDIMPUTE_REGISTRY_SECRETS_KEY",
                secretsKey,
                "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI",
                "http://127.0.0.1:" + usersPort + "/.well-known/jwks.json");
        Map<String, String> gatewayEnvironment = Map.of(
                "FEDIMPUTE_GATEWAY_UPSTREAM_USERS",
                "http://127.0.0.1:" + usersPort,
                "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI",
                "http://127.0.0.1:" + usersPort + "/.well-known/jwks.json",
                "SPRING_DATA_REDIS_PORT",
                redisPort,
                "FEDIMPUTE_GATEWAY_API_KEYS_CLIENT_SECRET",
                "e2e-gateway-secret",
                "FEDIMPUTE_GATEWAY_API_KEYS_CACHE_TTL",
                "1s",
                "FEDIMPUTE_GATEWAY_RATE_LIMIT_FREE",
                Integer.toString(FREE_LIMIT),
                "FEDIMPUTE_GATEWAY_UPSTREAM_REGISTRY",
                "http://127.0.0.1:" + registryPort);

        users = ServiceProcess.start("user-service", usersPort, usersEnvironment);
        gateway = ServiceProcess.start("api-gateway", gatewayPort, gatewayEnvironment);
        registry = ServiceProcess.start("service-registry", registryPort, registryEnvironment);
        ServiceProcess.awaitAllReady(Duration.ofSeconds(150), users, gateway, registry);
    }

    @AfterAll
    static void stopIt() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (registry != null) {
            registry.close();
        }
        if (users != null) {
            users.close();
        }
        if (michigan != null) {
            michigan.stop();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void registerLogInCallRefreshAndLogOutThroughTheGateway() {
        String email = uniqueEmail();
        assertThat(post("/api/v1/auth/register", registration(email), null).statusCode())
                .isEqualTo(201);
        Map<String, Object> session = read(post("/api/v1/auth/login", credentials(email, PASSWORD), null));

        HttpResponse<String> me = get("/api/v1/users/me", Map.of("Authorization", bearer(session.get("accessToken"))));
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(read(me)).containsEntry("email", email);
        assertThat(me.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(me.headers().firstValue("X-RateLimit-Limit")).hasValue(Integer.toString(FREE_LIMIT));

        Map<String, Object> refreshed =
                read(post("/api/v1/auth/refresh", Map.of("refreshToken", session.get("refreshToken")), null));
        assertThat(get("/api/v1/users/me", Map.of("Authorization", bearer(refreshed.get("accessToken"))))
                        .statusCode())
                .isEqualTo(200);
        assertThat(post("/api/v1/auth/logout", Map.of("refreshToken", refreshed.get("refreshToken")), null)
                        .statusCode())
                .isEqualTo(204);
        assertThat(post("/api/v1/auth/refresh", Map.of("refreshToken", refreshed.get("refreshToken")), null)
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void anApiKeyWorksThroughTheGatewayUntilItIsRevoked() throws Exception {
        String token = researcher();
        Map<String, Object> created = read(post("/api/v1/users/me/api-keys", Map.of("name", "e2e"), token));
        String key = (String) created.get("key");
        String keyId = (String) ((Map<?, ?>) created.get("details")).get("id");

        assertThat(get("/api/v1/users/me", Map.of("X-API-Key", key)).statusCode())
                .isEqualTo(200);
        assertThat(get("/api/v1/users/me", Map.of("Authorization", "Bearer " + key))
                        .statusCode())
                .isEqualTo(200);
        HttpRequest revoke = HttpRequest.newBuilder(
                        URI.create(gateway.baseUrl() + "/api/v1/users/me/api-keys/" + keyId))
                .header("Authorization", "Bearer " + token)
                .DELETE()
                .build();
        assertThat(http.send(revoke, HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(204);
        Thread.sleep(1_200);
        assertThat(get("/api/v1/users/me", Map.of("X-API-Key", key)).statusCode())
                .isEqualTo(401);
    }

    @Test
    void adminPathsAreForAdminsAndAnInjectedIdentityHeaderChangesNothing() {
        String researcher = researcher();
        String admin = bearer(read(post("/api/v1/auth/login", credentials(ADMIN_EMAIL, ADMIN_PASSWORD), null))
                .get("accessToken"));
        String adminId = (String)
                read(get("/api/v1/users/me", Map.of("Authorization", admin))).get("id");

        assertThat(get("/api/v1/admin/users", Map.of("Authorization", "Bearer " + researcher))
                        .statusCode())
                .isEqualTo(403);
        assertThat(get("/api/v1/admin/users", Map.of()).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/admin/users", Map.of("Authorization", admin)).statusCode())
                .isEqualTo(200);

        HttpResponse<String> spoofed =
                get("/api/v1/users/me", Map.of("Authorization", "Bearer " + researcher, "X-User-Id", adminId));
        assertThat(read(spoofed).get("id")).isNotEqualTo(adminId);
        assertThat(read(spoofed)).containsEntry("role", "RESEARCHER");
    }

    @Test
    void aFreeUsersRequestOverTheLimitIs429AndRedisGoingAwayKeepsServiceUp() throws Exception {
        Map<String, String> auth = Map.of("Authorization", "Bearer " + researcher());
        HttpResponse<String> last = null;
        for (int i = 0; i <= FREE_LIMIT; i++) {
            last = get("/api/v1/users/me", auth);
        }
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(last.headers().firstValue("Retry-After")).isPresent();
        assertThat(last.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");

        redis.stop();
        try {
            HttpResponse<String> duringOutage =
                    get("/api/v1/users/me", Map.of("Authorization", "Bearer " + researcher()));
            assertThat(duringOutage.statusCode()).isEqualTo(200);
            assertThat(duringOutage.headers().firstValue("X-RateLimit-Limit")).isPresent();
        } finally {
            redis.restart();
        }
    }

    @Test
    void aResearchersMichiganTokenIsCheckedWithTheServerTheAdminRegistered() {
        michigan.stubFor(WireMock.post("/api/v2/tokens/verify")
                .withRequestBody(WireMock.containing("token=cloudgene-token-of-rosalind"))
                .willReturn(WireMock.okJson("""
                        {"valid":true,"expire":"2026-12-23","name":"e2e","username":"rosalind","message":"ok"}""")));
        String admin = (String) read(post("/api/v1/auth/login", credentials(ADMIN_EMAIL, ADMIN_PASSWORD), null))
                .get("accessToken");
        String slug = "michigan-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> service = Map.of(
                "slug",
                slug,
                "name",
                "Michigan (stub)",
                "kind",
                "MICHIGAN",
                "baseUrl",
                michigan.baseUrl(),
                "supportedBuilds",
                java.util.List.of("hg19", "hg38"));
        assertThat(post("/api/v1/admin/services", service, admin).statusCode()).isEqualTo(201);

        String researcher = researcher();
        Map<String, Object> listed =
                read(get("/api/v1/services?kind=MICHIGAN&size=100", Map.of("Authorization", bearer(researcher))));
        assertThat(listed.get("items").toString()).contains(slug);

        Map<String, Object> saved = read(
                send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/api/v1/users/me/external-tokens/" + slug))
                        .header("Authorization", bearer(researcher))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"token\":\"cloudgene-token-of-rosalind\"}"))
                        .build()));
        assertThat(saved).containsEntry("usernameOnServer", "rosalind");
        assertThat(saved.get("verifiedAt")).isNotNull();
        assertThat(saved.get("token").toString()).doesNotContain("cloudgene-token");
    }

    private String researcher() {
        String email = uniqueEmail();
        post("/api/v1/auth/register", registration(email), null);
        return (String) read(post("/api/v1/auth/login", credentials(email, PASSWORD), null))
                .get("accessToken");
    }

    private static Map<String, Object> registration(String email) {
        return Map.of("email", email, "password", PASSWORD, "name", "Rosalind Franklin", "institution", "King's");
    }

    private static Map<String, Object> credentials(String email, String password) {
        return Map.of("email", email, "password", password);
    }

    private static String bearer(Object token) {
        return "Bearer " + token;
    }

    private static String uniqueEmail() {
        return "e2e." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path));
        headers.forEach(request::header);
        return send(request.GET().build());
    }

    private HttpResponse<String> post(String path, Map<String, ?> body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }
}
