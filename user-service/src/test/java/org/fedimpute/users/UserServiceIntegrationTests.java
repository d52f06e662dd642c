package org.fedimpute.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.fedimpute.test.concurrency.AtOnce;
import org.fedimpute.test.service.PlatformServiceConformance;
import org.fedimpute.users.secrets.OpaqueTokens;
import org.fedimpute.users.tokens.AccessTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * user-service booted on embedded PostgreSQL and Redis: the platform's conformance checks, then the researcher's
 * identity journey and the ways it must refuse, seen over HTTP and in the events it publishes.
 */
@TestPropertySource(
        properties = {
            "fedimpute.users.secrets.key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
            "fedimpute.authentication.bcrypt-cost=4",
            "fedimpute.authentication.lockout.max-failures=3",
            "fedimpute.users.first-admin.email=" + UserServiceIntegrationTests.ADMIN_EMAIL,
            "fedimpute.users.first-admin.password=" + UserServiceIntegrationTests.ADMIN_PASSWORD,
            "fedimpute.users.service-clients.api-gateway=gateway-secret",
            "fedimpute.users.service-clients.job-processor=jobs-secret",
            "fedimpute.users.service-clients.notification-service=notifications-secret"
        })
class UserServiceIntegrationTests extends PlatformServiceConformance {

    static final String ADMIN_EMAIL = "root@fedimpute.test";
    static final String ADMIN_PASSWORD = "admin passphrase for tests";
    private static final String PASSWORD = "correct horse battery";

    @Autowired
    private AccessTokens accessTokens;

    @Autowired
    private JsonMapper json;

    @Autowired
    private StringRedisTemplate redis;

    /** Stands in for service-registry's internal lookup and for the servers it names. */
    private static final WireMockServer remote = startRemote();

    @DynamicPropertySource
    static void registryAndServers(DynamicPropertyRegistry registry) {
        registry.add("fedimpute.users.registry-url", remote::baseUrl);
    }

    @AfterAll
    static void stopRemote() {
        remote.stop();
    }

    UserServiceIntegrationTests() {
        super(
                "users",
                "event_outbox",
                "user_account",
                "refresh_token",
                "signing_key",
                "audit_event",
                "password_reset",
                "api_key",
                "external_token");
    }

    @Override
    protected String researcherToken() {
        return accessTokens.issue(UUID.randomUUID(), "RESEARCHER", "FREE").value();
    }

    @Test
    void aResearcherRegistersLogsInUsesRefreshesAndLogsOut() {
        String email = uniqueEmail();
        HttpResponse<String> registered = register(email, PASSWORD);
        assertThat(registered.statusCode()).isEqualTo(201);
        Map<String, Object> account = read(registered);
        assertThat(account)
                .containsEntry("email", email)
                .containsEntry("role", "RESEARCHER")
                .containsEntry("tier", "FREE");
        assertThat(registered.body()).doesNotContain(PASSWORD).doesNotContainIgnoringCase("hash");

        Map<String, Object> tokens = read(login(email, PASSWORD));
        assertThat(tokens).containsEntry("tokenType", "Bearer").containsEntry("expiresIn", 900);
        HttpResponse<String> me = get("/api/v1/users/me", (String) tokens.get("accessToken"));
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(read(me)).containsEntry("id", account.get("id"));

        HttpResponse<String> refreshed =
                post("/api/v1/auth/refresh", Map.of("refreshToken", tokens.get("refreshToken")));
        assertThat(refreshed.statusCode()).isEqualTo(200);
        Map<String, Object> rotated = read(refreshed);
        assertThat(rotated.get("refreshToken")).isNotEqualTo(tokens.get("refreshToken"));
        assertThat(get("/api/v1/users/me", (String) rotated.get("accessToken")).statusCode())
                .isEqualTo(200);

        assertThat(post("/api/v1/auth/logout", Map.of("refreshToken", rotated.get("refreshToken")))
                        .statusCode())
                .isEqualTo(204);
        assertThat(post("/api/v1/auth/refresh", Map.of("refreshToken", rotated.get("refreshToken")))
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void registrationWritesTheWelcomeEventAndAnAuditEntryInItsTransaction() {
        String email = uniqueEmail();
        String userId = (String) read(register(email, PASSWORD)).get("id");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        Map<String, Object> event = jdbc.queryForMap(
                "SELECT stream, type, envelope::text AS envelope FROM event_outbox WHERE subject = ?", userId);
        assertThat(event).containsEntry("stream", "fedimpute.events.users").containsEntry("type", "user.registered");
        assertThat((String) event.get("envelope"))
                .contains("\"specversion\": \"1.0\"")
                .doesNotContain(email);
        assertThat(jdbc.queryForList("SELECT type FROM audit_event WHERE user_id = ?::uuid", String.class, userId))
                .containsExactly("REGISTERED");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> redis.opsForStream().range("fedimpute.events.users", Range.unbounded()).stream()
                        .anyMatch(record -> "user.registered"
                                        .equals(record.getValue().get("type"))
                                && record.getValue().get("event").toString().contains(userId)));

        assertThat(register(email.toUpperCase(), PASSWORD).statusCode()).isEqualTo(409);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM event_outbox WHERE type = 'user.registered' AND subject = ?",
                        Integer.class,
                        userId))
                .isEqualTo(1);
    }

    @Test
    void registrationsOfOneEmailSentAtOnceMakeOneAccountAndTheRestAreConflicts() throws Exception {
        String email = uniqueEmail();
        List<Integer> statuses = AtOnce.times(6, () -> register(email, PASSWORD).statusCode());

        assertThat(statuses).containsOnlyOnce(201).containsOnly(201, 409);
    }

    @Test
    void aWeakPasswordIsRefusedNamingTheFieldAndNothingIsStored() {
        String email = uniqueEmail();
        HttpResponse<String> response = register(email, "password1234");
        assertThat(response.statusCode()).isEqualTo(400);
        assertProblem(response, 400);
        assertThat(response.body()).contains("\"field\":\"password\"").contains("well-known");
        assertThat(login(email, "password1234").statusCode()).isEqualTo(401);
    }

    @Test
    void hostileAndOversizedInputIsA400NeverA500() {
        for (Map<String, Object> body : List.<Map<String, Object>>of(
                Map.of("email", "' OR 1=1 --", "password", PASSWORD, "name", "x"),
                Map.of("email", uniqueEmail(), "password", PASSWORD, "name", "n".repeat(10_000)),
                Map.of("email", uniqueEmail(), "password", "p".repeat(5_000), "name", "x"),
                Map.of(
                        "email",
                        uniqueEmail(),
                        "password",
                        PASSWORD,
                        "name",
                        "Robert'); DROP TABLE user_account;--",
                        "institution",
                        "i".repeat(1_000)))) {
            HttpResponse<String> response = post("/api/v1/auth/register", body);
            assertThat(response.statusCode()).as(body.keySet().toString()).isEqualTo(400);
            assertProblem(response, 400);
        }
        assertThat(post("/api/v1/auth/login", Map.of("email", "x@y.z' --", "password", "a"))
                        .statusCode())
                .isEqualTo(401);
        assertThat(new JdbcTemplate(dataSource).queryForObject("SELECT count(*) FROM user_account", Integer.class))
                .isNotNull();
    }

    @Test
    void hostileInputInEveryOtherFieldIsRefusedWithA4xxNeverA500() {
        String email = uniqueEmail();
        register(email, PASSWORD);
        Map<String, Object> session = read(login(email, PASSWORD));
        String owner = (String) session.get("accessToken");
        String admin = (String) read(login(ADMIN_EMAIL, ADMIN_PASSWORD)).get("accessToken");
        String huge = "x".repeat(20_000);
        String sqlish = "'; DROP TABLE user_account; --";

        List<HttpResponse<String>> answers = List.of(
                post("/api/v1/auth/login", Map.of("email", huge, "password", huge)),
                post("/api/v1/auth/refresh", Map.of("refreshToken", huge)),
                post("/api/v1/auth/refresh", Map.of("refreshToken", sqlish)),
                post("/api/v1/auth/logout", Map.of("refreshToken", huge)),
                post("/api/v1/auth/password-reset", Map.of("email", sqlish)),
                post("/api/v1/auth/password-reset/confirm", Map.of("token", sqlish, "newPassword", huge)),
                postAs("/api/v1/users/me/password", owner, Map.of("currentPassword", huge, "newPassword", sqlish)),
                postAs("/api/v1/users/me/api-keys", owner, Map.of("name", huge)),
                postAs("/api/v1/users/me/api-keys", owner, Map.of("name", "k", "scopes", List.of(sqlish))),
                postAs("/api/v1/users/me/api-keys", owner, Map.of("name", "k", "expiresInDays", -1)),
                putAs("/api/v1/users/me/external-tokens/michigan", owner, Map.of("token", huge)),
                deleteAs("/api/v1/users/me/api-keys/not-a-uuid", owner),
                get("/api/v1/admin/users?q=" + "q".repeat(500), admin),
                get("/api/v1/admin/users?role=EMPEROR", admin),
                get("/api/v1/admin/users/" + "not-a-uuid", admin),
                patchAs("/api/v1/admin/users/" + UUID.randomUUID(), admin, Map.of("role", "EMPEROR")),
                postAs("/api/v1/auth/login", owner, Map.of("unexpected", List.of(1, 2, 3))));
        for (HttpResponse<String> answer : answers) {
            assertThat(answer.statusCode())
                    .as(answer.request().uri() + " " + answer.body())
                    .isBetween(400, 499);
            assertProblem(answer, answer.statusCode());
        }
        assertThat(new JdbcTemplate(dataSource).queryForObject("SELECT count(*) FROM user_account", Integer.class))
                .isPositive();
    }

    @Test
    void wrongPasswordsSentAtOnceAreEachAnsweredAndEachCountedTowardsTheLockout() throws Exception {
        String email = uniqueEmail();
        register(email, PASSWORD);
        List<Integer> statuses =
                AtOnce.times(3, () -> login(email, "not the password at all").statusCode());

        assertThat(statuses).containsOnly(401);
        assertThat(login(email, PASSWORD).statusCode())
                .as("three failures at once lock the account as three in a row do")
                .isEqualTo(401);
    }

    @Test
    void repeatedFailuresLockTheAccountWithTheSameAnswerAsAWrongPassword() {
        String email = uniqueEmail();
        register(email, PASSWORD);
        String wrongPasswordAnswer = detail(login(email, "not the password at all"));
        login(email, "not the password either");
        login(email, "third wrong password");

        HttpResponse<String> whileLocked = login(email, PASSWORD);
        assertThat(whileLocked.statusCode()).isEqualTo(401);
        assertThat(detail(whileLocked)).isEqualTo(wrongPasswordAnswer);
        assertThat(detail(login("nobody-" + email, PASSWORD))).isEqualTo(wrongPasswordAnswer);

        List<String> trail = new JdbcTemplate(dataSource)
                .queryForList(
                        "SELECT e.type FROM audit_event e JOIN user_account a ON a.id = e.user_id "
                                + "WHERE lower(a.email) = lower(?) ORDER BY e.id",
                        String.class,
                        email);
        assertThat(trail).containsSubsequence("LOGIN_FAILED", "ACCOUNT_LOCKED", "LOGIN_FAILED");
        assertThat(new JdbcTemplate(dataSource)
                        .queryForObject(
                                "SELECT ip FROM audit_event WHERE type = 'ACCOUNT_LOCKED' ORDER BY id DESC LIMIT 1",
                                String.class))
                .isEqualTo("127.0.0.1");
    }

    @Test
    void aReplayedRefreshTokenRevokesTheWholeFamily() {
        String email = uniqueEmail();
        register(email, PASSWORD);
        String first = (String) read(login(email, PASSWORD)).get("refreshToken");
        String second = (String) read(post("/api/v1/auth/refresh", Map.of("refreshToken", first)))
                .get("refreshToken");

        assertThat(post("/api/v1/auth/refresh", Map.of("refreshToken", first)).statusCode())
                .isEqualTo(401);
        assertThat(post("/api/v1/auth/refresh", Map.of("refreshToken", second)).statusCode())
                .isEqualTo(401);
        assertThat(new JdbcTemplate(dataSource)
                        .queryForObject(
                                "SELECT count(*) FROM refresh_token WHERE token_hash = ? OR token_hash = ?",
                                Integer.class,
                                OpaqueTokens.hash(first),
                                OpaqueTokens.hash(second)))
                .isEqualTo(2);
    }

    @Test
    void issuedTokensVerifyAgainstThePublishedKeysAndCarryThePlatformClaims() throws Exception {
        String email = uniqueEmail();
        String userId = (String) read(register(email, PASSWORD)).get("id");
        SignedJWT token = SignedJWT.parse((String) read(login(email, PASSWORD)).get("accessToken"));

        HttpResponse<String> jwks = get("/.well-known/jwks.json", null);
        assertThat(jwks.statusCode()).isEqualTo(200);
        assertThat(jwks.body()).doesNotContain("\"d\"").doesNotContain("\"p\"");
        RSAKey key = (RSAKey)
                JWKSet.parse(jwks.body()).getKeyByKeyId(token.getHeader().getKeyID());
        assertThat(token.verify(new RSASSAVerifier(key))).isTrue();
        assertThat(token.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        assertThat(token.getJWTClaimsSet().getSubject()).isEqualTo(userId);
        assertThat(token.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("RESEARCHER");
        assertThat(token.getJWTClaimsSet().getStringClaim("tier")).isEqualTo("FREE");
        assertThat(token.getJWTClaimsSet().getIssuer()).isEqualTo("fedimpute");
    }

    @Test
    void theAuditLogRefusesChanges() {
        register(uniqueEmail(), PASSWORD);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        assertThatThrownBy(() -> jdbc.update("UPDATE audit_event SET ip = 'forged'"))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM audit_event")).hasMessageContaining("append-only");
    }

    @Test
    void changingThePasswordEndsEverySessionAndOnlyTheNewPasswordWorks() {
        String email = uniqueEmail();
        register(email, PASSWORD);
        Map<String, Object> session = read(login(email, PASSWORD));
        String access = (String) session.get("accessToken");

        assertThat(postAs(
                                "/api/v1/users/me/password",
                                access,
                                Map.of(
                                        "currentPassword",
                                        "wrong one entirely",
                                        "newPassword",
                                        "another good passphrase"))
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> weak = postAs(
                "/api/v1/users/me/password", access, Map.of("currentPassword", PASSWORD, "newPassword", "short"));
        assertThat(weak.statusCode()).isEqualTo(400);
        assertThat(weak.body()).contains("\"field\":\"newPassword\"");

        assertThat(postAs(
                                "/api/v1/users/me/password",
                                access,
                                Map.of("currentPassword", PASSWORD, "newPassword", "another good passphrase"))
                        .statusCode())
                .isEqualTo(204);
        assertThat(post("/api/v1/auth/refresh", Map.of("refreshToken", session.get("refreshToken")))
                        .statusCode())
                .isEqualTo(401);
        assertThat(login(email, PASSWORD).statusCode()).isEqualTo(401);
        assertThat(login(email, "another good passphrase").statusCode()).isEqualTo(200);
    }

    @Test
    void aForgottenPasswordIsResetOnceWithTheTokenFromTheEvent() {
        String email = uniqueEmail();
        String userId = (String) read(register(email, PASSWORD)).get("id");
        assertThat(post("/api/v1/auth/password-reset", Map.of("email", email)).statusCode())
                .isEqualTo(202);
        assertThat(post("/api/v1/auth/password-reset", Map.of("email", "nobody-" + email))
                        .statusCode())
                .isEqualTo(202);

        String envelope = new JdbcTemplate(dataSource)
                .queryForObject(
                        "SELECT envelope::text FROM event_outbox WHERE type = 'user.password-reset-requested' AND subject = ?",
                        String.class,
                        userId);
        String token = (String) ((Map<?, ?>) json.readValue(envelope, Map.class).get("data")).get("resetToken");
        assertThat(token).isNotBlank();

        Map<String, String> confirm = Map.of("token", token, "newPassword", "a brand new passphrase");
        assertThat(post("/api/v1/auth/password-reset/confirm", confirm).statusCode())
                .isEqualTo(204);
        assertThat(login(email, "a brand new passphrase").statusCode()).isEqualTo(200);
        HttpResponse<String> again = post("/api/v1/auth/password-reset/confirm", confirm);
        assertThat(again.statusCode()).isEqualTo(400);
        assertProblem(again, 400);
        assertThat(post(
                                "/api/v1/auth/password-reset/confirm",
                                Map.of("token", "made-up", "newPassword", "whatever passphrase"))
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void aResetLinkMailedBeforeThePasswordIsSetSetsNoPasswordAfterItNorForADisabledAccount() {
        String email = uniqueEmail();
        String userId = (String) read(register(email, PASSWORD)).get("id");
        String first = requestResetToken(email, userId);
        String second = requestResetToken(email, userId);

        assertThat(post(
                                "/api/v1/auth/password-reset/confirm",
                                Map.of("token", second, "newPassword", "a brand new passphrase"))
                        .statusCode())
                .isEqualTo(204);
        HttpResponse<String> olderLink = post(
                "/api/v1/auth/password-reset/confirm", Map.of("token", first, "newPassword", "the intruder's choice"));
        assertProblem(olderLink, 400);
        assertThat(login(email, "the intruder's choice").statusCode()).isEqualTo(401);

        String beforeChange = requestResetToken(email, userId);
        String access = (String) read(login(email, "a brand new passphrase")).get("accessToken");
        assertThat(postAs(
                                "/api/v1/users/me/password",
                                access,
                                Map.of("currentPassword", "a brand new passphrase", "newPassword", "changed by me"))
                        .statusCode())
                .isEqualTo(204);
        assertProblem(
                post(
                        "/api/v1/auth/password-reset/confirm",
                        Map.of("token", beforeChange, "newPassword", "the intruder's choice")),
                400);

        String beforeDisabling = requestResetToken(email, userId);
        String admin = (String) read(login(ADMIN_EMAIL, ADMIN_PASSWORD)).get("accessToken");
        assertThat(patchAs("/api/v1/admin/users/" + userId, admin, Map.of("enabled", false))
                        .statusCode())
                .isEqualTo(200);
        assertProblem(
                post(
                        "/api/v1/auth/password-reset/confirm",
                        Map.of("token", beforeDisabling, "newPassword", "the intruder's choice")),
                400);
        assertThat(new JdbcTemplate(dataSource)
                        .queryForObject(
                                "SELECT count(*) FROM audit_event WHERE user_id = ?::uuid AND type = 'PASSWORD_CHANGED'",
                                Integer.class,
                                userId))
                .as("only the owner's reset and change set a password")
                .isEqualTo(2);
    }

    @Test
    void adminsManageAccountsAndEveryChangeIsAuditedWithTheAdminAsActor() {
        Map<String, Object> adminSession = read(login(ADMIN_EMAIL, ADMIN_PASSWORD));
        String admin = (String) adminSession.get("accessToken");
        String adminId = (String) read(get("/api/v1/users/me", admin)).get("id");
        assertThat(read(get("/api/v1/users/me", admin))).containsEntry("role", "ADMIN");

        String email = uniqueEmail();
        String userId = (String) read(register(email, PASSWORD)).get("id");
        String researcher = (String) read(login(email, PASSWORD)).get("accessToken");
        String researcherRefresh = (String) read(login(email, PASSWORD)).get("refreshToken");
        assertThat(get("/api/v1/admin/users", researcher).statusCode()).isEqualTo(403);

        Map<String, Object> found = read(get("/api/v1/admin/users?q=" + email.substring(0, 12) + "&size=5", admin));
        assertThat((List<?>) found.get("items")).hasSize(1);
        assertThat(get("/api/v1/admin/users?size=1000", admin).statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/admin/users?page=2147483647&size=20", admin).statusCode())
                .isEqualTo(400);
        assertThat(read(get("/api/v1/admin/users?q=%25_%25&size=5", admin)).get("items"))
                .asList()
                .isEmpty();

        HttpResponse<String> upgraded = patchAs("/api/v1/admin/users/" + userId, admin, Map.of("tier", "PREMIUM"));
        assertThat(read(upgraded)).containsEntry("tier", "PREMIUM");
        assertThat(read(patchAs("/api/v1/admin/users/" + userId, admin, Map.of("enabled", false))))
                .containsEntry("enabled", false);
        assertThat(login(email, PASSWORD).statusCode()).isEqualTo(401);
        assertThat(post("/api/v1/auth/refresh", Map.of("refreshToken", researcherRefresh))
                        .statusCode())
                .isEqualTo(401);

        String trail = get("/api/v1/admin/users/" + userId + "/audit", admin).body();
        assertThat(trail).contains("TIER_CHANGED").contains("ACCOUNT_DISABLED").contains(adminId);
        assertThat(patchAs("/api/v1/admin/users/" + adminId, admin, Map.of("enabled", false))
                        .statusCode())
                .isEqualTo(409);
        assertThat(get("/api/v1/admin/users/" + UUID.randomUUID(), admin).statusCode())
                .isEqualTo(404);
    }

    @Test
    void notificationServiceReadsAnAccountsContactAndWhetherItIsActive() {
        Map<String, Object> adminSession = read(login(ADMIN_EMAIL, ADMIN_PASSWORD));
        String admin = (String) adminSession.get("accessToken");
        String email = uniqueEmail();
        String userId = (String) read(register(email, PASSWORD)).get("id");
        String notifications = serviceToken("notification-service", "notifications-secret");
        String path = "/internal/users/" + userId + "/contact";

        HttpResponse<String> contact = get(path, notifications);
        assertThat(contact.statusCode()).isEqualTo(200);
        assertThat(read(contact))
                .containsOnly(Map.entry("email", email), Map.entry("name", "Ada Lovelace"), Map.entry("active", true));

        patchAs("/api/v1/admin/users/" + userId, admin, Map.of("enabled", false));
        assertThat(read(get(path, notifications))).containsEntry("active", false);
        assertThat(get(path, (String) read(login(ADMIN_EMAIL, ADMIN_PASSWORD)).get("accessToken"))
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> unknown = get("/internal/users/" + UUID.randomUUID() + "/contact", notifications);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertProblem(unknown, 404);
    }

    @Test
    void anApiKeyIsShownOnceStoredHashedExchangedByTheGatewayAndDeadOnceRevoked() {
        String email = uniqueEmail();
        register(email, PASSWORD);
        String owner = (String) read(login(email, PASSWORD)).get("accessToken");

        HttpResponse<String> created = postAs("/api/v1/users/me/api-keys", owner, Map.of("name", "pipeline"));
        assertThat(created.statusCode()).isEqualTo(201);
        String key = (String) read(created).get("key");
        String keyId = (String) ((Map<?, ?>) read(created).get("details")).get("id");
        assertThat(key).startsWith("fi_").hasSizeGreaterThan(40);
        String listed = get("/api/v1/users/me/api-keys", owner).body();
        assertThat(listed).contains("pipeline").contains(key.substring(0, 11)).doesNotContain(key);
        assertThat(new JdbcTemplate(dataSource).queryForList("SELECT key_hash FROM api_key", String.class))
                .doesNotContain(key)
                .contains(OpaqueTokens.hash(key));

        String gateway = serviceToken("api-gateway", "gateway-secret");
        HttpResponse<String> exchanged = postAs("/internal/api-keys/exchange", gateway, Map.of("apiKey", key));
        assertThat(exchanged.statusCode()).isEqualTo(200);
        String keyToken = (String) read(exchanged).get("accessToken");
        assertThat(read(get("/api/v1/users/me", keyToken))).containsEntry("email", email);
        assertThat(get("/api/v1/users/me/api-keys", keyToken).statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/users/me/api-keys", owner).body()).contains("lastUsedAt\":\"20");

        assertThat(postAs("/internal/api-keys/exchange", owner, Map.of("apiKey", key))
                        .statusCode())
                .isEqualTo(403);
        assertThat(postAs(
                                "/internal/api-keys/exchange",
                                serviceToken("job-processor", "jobs-secret"),
                                Map.of("apiKey", key))
                        .statusCode())
                .isEqualTo(403);

        String stranger = strangerToken();
        assertThat(deleteAs("/api/v1/users/me/api-keys/" + keyId, stranger).statusCode())
                .isEqualTo(404);
        assertThat(deleteAs("/api/v1/users/me/api-keys/" + keyId, owner).statusCode())
                .isEqualTo(204);
        assertThat(postAs("/internal/api-keys/exchange", gateway, Map.of("apiKey", key))
                        .statusCode())
                .isEqualTo(401);
        assertThat(get("/api/v1/users/me/api-keys", owner).body()).doesNotContain("pipeline");
    }

    @Test
    void anAdminsApiKeyActsAsAResearcher() throws Exception {
        String admin = (String) read(login(ADMIN_EMAIL, ADMIN_PASSWORD)).get("accessToken");
        String key = (String) read(postAs("/api/v1/users/me/api-keys", admin, Map.of("name", "admin script")))
                .get("key");

        String keyToken = (String) read(postAs(
                        "/internal/api-keys/exchange",
                        serviceToken("api-gateway", "gateway-secret"),
                        Map.of("apiKey", key)))
                .get("accessToken");
        var claims = SignedJWT.parse(keyToken).getJWTClaimsSet();
        assertThat(claims.getStringListClaim("roles")).containsExactly("RESEARCHER");
        assertThat(claims.getSubject())
                .isEqualTo(read(get("/api/v1/users/me", admin)).get("id"));
    }

    @Test
    void onlyKnownServicesWithTheirSecretGetServiceTokens() {
        assertThat(serviceTokenResponse("api-gateway", "wrong").statusCode()).isEqualTo(401);
        assertThat(serviceTokenResponse("unknown-service", "gateway-secret").statusCode())
                .isEqualTo(401);
        HttpResponse<String> noAuth =
                send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/internal/service-tokens"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                        .build());
        assertThat(noAuth.statusCode()).isEqualTo(401);
        Map<String, Object> token = read(serviceTokenResponse("api-gateway", "gateway-secret"));
        assertThat(token).containsEntry("token_type", "Bearer").containsEntry("expires_in", 600);
    }

    @Test
    void externalTokensAreStoredEncryptedShownMaskedAndReadWholeOnlyByJobProcessor() {
        String email = uniqueEmail();
        String userId = (String) read(register(email, PASSWORD)).get("id");
        String owner = (String) read(login(email, PASSWORD)).get("accessToken");
        String secret = "michigan-secret-token-" + UUID.randomUUID();

        HttpResponse<String> saved = putAs("/api/v1/users/me/external-tokens/michigan", owner, Map.of("token", secret));
        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(read(saved)).containsEntry("token", "…" + secret.substring(secret.length() - 4));
        assertThat(get("/api/v1/users/me/external-tokens", owner).body())
                .contains("michigan")
                .doesNotContain(secret);
        byte[] stored = new JdbcTemplate(dataSource)
                .queryForObject("SELECT token FROM external_token WHERE user_id = ?::uuid", byte[].class, userId);
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(secret);

        String path = "/internal/users/" + userId + "/external-tokens/michigan";
        assertThat(read(get(path, serviceToken("job-processor", "jobs-secret"))))
                .containsEntry("token", secret);
        assertThat(get(path, serviceToken("api-gateway", "gateway-secret")).statusCode())
                .isEqualTo(403);
        assertThat(get(path, owner).statusCode()).isEqualTo(403);
        assertThat(putAs("/api/v1/users/me/external-tokens/Not_A_Slug", owner, Map.of("token", secret))
                        .statusCode())
                .isEqualTo(400);

        assertThat(deleteAs("/api/v1/users/me/external-tokens/michigan", owner).statusCode())
                .isEqualTo(204);
        assertThat(get(path, serviceToken("job-processor", "jobs-secret")).statusCode())
                .isEqualTo(404);
    }

    @Test
    void aMichiganTokenIsCheckedWithItsServerWhenSaved() {
        String email = uniqueEmail();
        register(email, PASSWORD);
        String owner = (String) read(login(email, PASSWORD)).get("accessToken");

        HttpResponse<String> refused =
                putAs("/api/v1/users/me/external-tokens/michigan", owner, Map.of("token", "expired-token-1234"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertProblem(refused, 400);
        assertThat(refused.body()).contains("Invalid token").doesNotContain("expired-token-1234");
        assertThat(get("/api/v1/users/me/external-tokens", owner).body()).doesNotContain("michigan");

        Map<String, Object> verified = read(
                putAs("/api/v1/users/me/external-tokens/michigan", owner, Map.of("token", "michigan-secret-token-ok")));
        assertThat(verified).containsEntry("usernameOnServer", "ada").containsEntry("expiresOnServer", "2026-12-23");
        assertThat(verified.get("verifiedAt")).isNotNull();

        Map<String, Object> unchecked =
                read(putAs("/api/v1/users/me/external-tokens/h3africa", owner, Map.of("token", "server-is-down-1234")));
        assertThat(unchecked.get("verifiedAt")).isNull();
        assertThat(putAs("/api/v1/users/me/external-tokens/ghost", owner, Map.of("token", "whatever-1234"))
                        .statusCode())
                .isEqualTo(400);
        remote.verify(WireMock.getRequestedFor(WireMock.urlEqualTo("/internal/services/michigan"))
                .withHeader("Authorization", WireMock.matching("Bearer ey.+")));
    }

    @Test
    void theExportHoldsEverythingAboutTheCallerAndNoSecret() {
        String email = uniqueEmail();
        register(email, PASSWORD);
        String owner = (String) read(login(email, PASSWORD)).get("accessToken");
        String key = (String) read(postAs("/api/v1/users/me/api-keys", owner, Map.of("name", "exported-key")))
                .get("key");
        putAs("/api/v1/users/me/external-tokens/h3africa", owner, Map.of("token", "h3africa-token-abcdef"));

        HttpResponse<String> export = get("/api/v1/users/me/export", owner);
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(value -> assertThat(value).contains("attachment"));
        assertThat(export.body())
                .contains(email)
                .contains("exported-key")
                .contains("h3africa")
                .contains("REGISTERED")
                .contains("API_KEY_CREATED")
                .doesNotContain(key)
                .doesNotContain("h3africa-token-abcdef")
                .doesNotContainIgnoringCase("passwordHash")
                .doesNotContain("$2a$");
    }

    @Test
    void deletingTheAccountNeedsThePasswordRemovesItTellsTheOtherServicesAndKeepsTheSecurityRecord() {
        String email = uniqueEmail();
        String userId = (String) read(register(email, PASSWORD)).get("id");
        String owner = (String) read(login(email, PASSWORD)).get("accessToken");
        postAs("/api/v1/users/me/api-keys", owner, Map.of("name", "doomed"));

        assertThat(deleteWithBody("/api/v1/users/me", owner, Map.of("password", "not my password"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(deleteWithBody("/api/v1/users/me", owner, Map.of("password", PASSWORD))
                        .statusCode())
                .isEqualTo(204);

        assertThat(login(email, PASSWORD).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/users/me", owner).statusCode()).isEqualTo(404);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM api_key WHERE user_id = ?::uuid", Integer.class, userId))
                .isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM event_outbox WHERE type = 'user.deleted' AND subject = ?",
                        Integer.class,
                        userId))
                .isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT type FROM audit_event WHERE user_id = ?::uuid", String.class, userId))
                .contains("REGISTERED", "ACCOUNT_DELETED");
        assertThat(register(email, PASSWORD).statusCode()).isEqualTo(201);
    }

    @Test
    void anAdminDisabledOrDemotedMeanwhileCannotUseTheirStillValidTokenToChangeAccounts() {
        String root = adminToken();
        AdminSession disabled = newAdmin(root);
        AdminSession demoted = newAdmin(root);
        String researcherId = (String) read(register(uniqueEmail(), PASSWORD)).get("id");
        assertThat(patchAs("/api/v1/admin/users/" + disabled.id(), root, Map.of("enabled", false))
                        .statusCode())
                .isEqualTo(200);
        assertThat(patchAs("/api/v1/admin/users/" + demoted.id(), root, Map.of("role", "RESEARCHER"))
                        .statusCode())
                .isEqualTo(200);

        for (AdminSession former : List.of(disabled, demoted)) {
            HttpResponse<String> undo = patchAs(
                    "/api/v1/admin/users/" + former.id(),
                    former.accessToken(),
                    Map.of("enabled", true, "role", "ADMIN"));
            assertThat(undo.statusCode()).as(undo.body()).isEqualTo(403);
            assertProblem(undo, 403);
            assertThat(patchAs("/api/v1/admin/users/" + researcherId, former.accessToken(), Map.of("enabled", false))
                            .statusCode())
                    .isEqualTo(403);
        }
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        String state = "SELECT role || ' ' || enabled FROM user_account WHERE id = ?::uuid";
        assertThat(jdbc.queryForObject(state, String.class, disabled.id())).isEqualTo("ADMIN false");
        assertThat(jdbc.queryForObject(state, String.class, demoted.id())).isEqualTo("RESEARCHER true");
        assertThat(jdbc.queryForObject(state, String.class, researcherId)).isEqualTo("RESEARCHER true");
    }

    @Test
    void twoAdminsDemotingEachOtherAtOnceLeaveOneOfThemAdmin() throws Exception {
        String root = adminToken();
        for (int round = 0; round < 5; round++) {
            AdminSession first = newAdmin(root);
            AdminSession second = newAdmin(root);
            List<Integer> statuses = statusesOfCallsAtOnce(List.of(
                    () -> patchAs(
                            "/api/v1/admin/users/" + second.id(), first.accessToken(), Map.of("role", "RESEARCHER")),
                    () -> patchAs(
                            "/api/v1/admin/users/" + first.id(), second.accessToken(), Map.of("role", "RESEARCHER"))));

            assertThat(statuses).containsExactlyInAnyOrder(200, 403);
            assertThat(new JdbcTemplate(dataSource)
                            .queryForObject(
                                    "SELECT count(*) FROM user_account WHERE role = 'ADMIN' AND id IN (?::uuid, ?::uuid)",
                                    Integer.class,
                                    first.id(),
                                    second.id()))
                    .isEqualTo(1);
        }
    }

    @Test
    void theLastEnabledAdminCannotDeleteTheirAccountThoughDisabledAdminsRemainNorCanTwoLastOnesAtOnce()
            throws Exception {
        AdminSession last = newAdmin(adminToken());
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        List<String> others = jdbc.queryForList(
                "SELECT id::text FROM user_account WHERE role = 'ADMIN' AND enabled AND id <> ?::uuid",
                String.class,
                last.id());
        try {
            for (String other : others) {
                assertThat(patchAs("/api/v1/admin/users/" + other, last.accessToken(), Map.of("enabled", false))
                                .statusCode())
                        .isEqualTo(200);
            }
            HttpResponse<String> refused =
                    deleteWithBody("/api/v1/users/me", last.accessToken(), Map.of("password", PASSWORD));
            assertThat(refused.statusCode()).isEqualTo(409);
            assertProblem(refused, 409);
            assertThat(refused.body()).contains("last enabled admin");

            AdminSession other = newAdmin(last.accessToken());
            List<Integer> statuses = statusesOfCallsAtOnce(List.of(
                    () -> deleteWithBody("/api/v1/users/me", last.accessToken(), Map.of("password", PASSWORD)),
                    () -> deleteWithBody("/api/v1/users/me", other.accessToken(), Map.of("password", PASSWORD))));
            assertThat(statuses).containsExactlyInAnyOrder(204, 409);
            assertThat(jdbc.queryForObject(
                            "SELECT count(*) FROM user_account WHERE role = 'ADMIN' AND enabled", Integer.class))
                    .isEqualTo(1);
        } finally {
            others.forEach(other -> jdbc.update("UPDATE user_account SET enabled = true WHERE id = ?::uuid", other));
        }
    }

    @Test
    void wrongCurrentPasswordsCountTowardsTheLockoutAreAuditedAndWhileLockedTheRightOneGetsTheSameAnswer() {
        String email = uniqueEmail();
        String userId = (String) read(register(email, PASSWORD)).get("id");
        String access = (String) read(login(email, PASSWORD)).get("accessToken");
        Map<String, String> wrong = Map.of("currentPassword", "not my password", "newPassword", "a new passphrase");

        HttpResponse<String> wrongAnswer = postAs("/api/v1/users/me/password", access, wrong);
        assertThat(wrongAnswer.statusCode()).isEqualTo(403);
        assertThat(postAs("/api/v1/users/me/password", access, wrong).statusCode())
                .isEqualTo(403);
        assertThat(postAs("/api/v1/users/me/password", access, wrong).statusCode())
                .isEqualTo(403);

        HttpResponse<String> whileLocked = postAs(
                "/api/v1/users/me/password",
                access,
                Map.of("currentPassword", PASSWORD, "newPassword", "a new passphrase"));
        assertThat(whileLocked.statusCode()).isEqualTo(403);
        assertThat(read(whileLocked).get("detail")).isEqualTo(read(wrongAnswer).get("detail"));
        assertThat(login(email, PASSWORD).statusCode())
                .as("three wrong current passwords lock the account as three wrong logins do")
                .isEqualTo(401);
        assertThat(new JdbcTemplate(dataSource)
                        .queryForList(
                                "SELECT type FROM audit_event WHERE user_id = ?::uuid ORDER BY id",
                                String.class,
                                userId))
                .containsSubsequence("LOGIN_FAILED", "LOGIN_FAILED", "LOGIN_FAILED", "ACCOUNT_LOCKED", "LOGIN_FAILED")
                .doesNotContain("PASSWORD_CHANGED");
    }

    @Test
    void wrongPasswordsToDeleteTheAccountCountTowardsTheLockoutWhichThenKeepsTheAccount() {
        String email = uniqueEmail();
        String userId = (String) read(register(email, PASSWORD)).get("id");
        String access = (String) read(login(email, PASSWORD)).get("accessToken");

        HttpResponse<String> wrongAnswer =
                deleteWithBody("/api/v1/users/me", access, Map.of("password", "not my password"));
        assertThat(wrongAnswer.statusCode()).isEqualTo(403);
        deleteWithBody("/api/v1/users/me", access, Map.of("password", "not my password"));
        deleteWithBody("/api/v1/users/me", access, Map.of("password", "not my password"));

        HttpResponse<String> whileLocked = deleteWithBody("/api/v1/users/me", access, Map.of("password", PASSWORD));
        assertThat(whileLocked.statusCode()).isEqualTo(403);
        assertThat(read(whileLocked).get("detail")).isEqualTo(read(wrongAnswer).get("detail"));
        assertThat(get("/api/v1/users/me", access).statusCode()).isEqualTo(200);
        assertThat(new JdbcTemplate(dataSource)
                        .queryForList(
                                "SELECT type FROM audit_event WHERE user_id = ?::uuid ORDER BY id",
                                String.class,
                                userId))
                .containsSubsequence("LOGIN_FAILED", "LOGIN_FAILED", "LOGIN_FAILED", "ACCOUNT_LOCKED", "LOGIN_FAILED");
    }

    @Test
    void controlCharactersInTextTheServiceStoresOrLooksUpAreA400NamingTheField() {
        String email = uniqueEmail();
        register(email, PASSWORD);
        String owner = (String) read(login(email, PASSWORD)).get("accessToken");
        String admin = adminToken();
        String withNul = email.replace("@", "\u0000@");

        List<Map.Entry<String, HttpResponse<String>>> answers = List.of(
                Map.entry(
                        "name",
                        post(
                                "/api/v1/auth/register",
                                Map.of("email", uniqueEmail(), "password", PASSWORD, "name", "Ada\u0000Lovelace"))),
                Map.entry(
                        "name",
                        post(
                                "/api/v1/auth/register",
                                Map.of("email", uniqueEmail(), "password", PASSWORD, "name", "Ada\nLovelace"))),
                Map.entry(
                        "institution",
                        post(
                                "/api/v1/auth/register",
                                Map.of(
                                        "email",
                                        uniqueEmail(),
                                        "password",
                                        PASSWORD,
                                        "name",
                                        "Ada",
                                        "institution",
                                        "Analytical\u0007Engines"))),
                Map.entry(
                        "email",
                        post(
                                "/api/v1/auth/register",
                                Map.of(
                                        "email",
                                        uniqueEmail().replace("@", "\u0000@"),
                                        "password",
                                        PASSWORD,
                                        "name",
                                        "Ada"))),
                Map.entry("email", login(withNul, PASSWORD)),
                Map.entry("email", post("/api/v1/auth/password-reset", Map.of("email", withNul))),
                Map.entry("name", postAs("/api/v1/users/me/api-keys", owner, Map.of("name", "pipe\u0000line"))),
                Map.entry("q", get("/api/v1/admin/users?q=ada%00", admin)));
        for (Map.Entry<String, HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.getValue();
            assertThat(response.statusCode())
                    .as(response.request().uri() + " " + response.body())
                    .isEqualTo(400);
            assertProblem(response, 400);
            assertThat(response.body())
                    .contains("\"field\":\"" + answer.getKey() + "\"")
                    .contains("must not contain control characters");
        }
        // This endpoint validates its path too: the body's field is named all the same.
        HttpResponse<String> token =
                putAs("/api/v1/users/me/external-tokens/h3africa", owner, Map.of("token", "h3africa-token-12\u000034"));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(400);
        assertProblem(token, 400);
        assertThat(token.body()).contains("\"field\":\"token\"").contains("must not contain control characters");

        HttpResponse<String> known = login(withNul, PASSWORD);
        HttpResponse<String> unknown = login("nobody-" + withNul, PASSWORD);
        assertThat(read(known).get("errors"))
                .as("the answer depends on the characters alone, never on whether the account exists")
                .isEqualTo(read(unknown).get("errors"));
        assertThat(read(known).get("detail")).isEqualTo(read(unknown).get("detail"));
        assertThat(get("/api/v1/users/me/external-tokens", owner).body()).doesNotContain("h3africa");
    }

    @Test
    void aNullScopeIsA400NamingTheField() {
        String email = uniqueEmail();
        register(email, PASSWORD);
        String owner = (String) read(login(email, PASSWORD)).get("accessToken");

        HttpResponse<String> response = postAs(
                "/api/v1/users/me/api-keys",
                owner,
                Map.of("name", "nulls", "scopes", java.util.Collections.singletonList(null)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertProblem(response, 400);
        assertThat(response.body()).contains("\"field\":\"scopes[0]\"");
    }

    @Test
    void firstSavesOfOneExternalTokenSentAtOnceAreAllAnsweredAndLeaveOneToken() throws Exception {
        String email = uniqueEmail();
        String userId = (String) read(register(email, PASSWORD)).get("id");
        String owner = (String) read(login(email, PASSWORD)).get("accessToken");

        List<Supplier<HttpResponse<String>>> saves = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String token = "h3africa-token-" + i;
            saves.add(() -> putAs("/api/v1/users/me/external-tokens/h3africa", owner, Map.of("token", token)));
        }
        assertThat(statusesOfCallsAtOnce(saves)).containsOnly(200);
        assertThat(new JdbcTemplate(dataSource)
                        .queryForObject(
                                "SELECT count(*) FROM external_token WHERE user_id = ?::uuid", Integer.class, userId))
                .isEqualTo(1);
    }

    private static WireMockServer startRemote() {
        WireMockServer server =
                new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        String self = "http://127.0.0.1:" + server.port();
        server.stubFor(WireMock.get("/internal/services/michigan")
                .willReturn(WireMock.okJson(
                        "{\"slug\":\"michigan\",\"kind\":\"MICHIGAN\",\"baseUrl\":\"" + self + "/mis\"}")));
        server.stubFor(WireMock.get("/internal/services/h3africa")
                .willReturn(WireMock.okJson(
                        "{\"slug\":\"h3africa\",\"kind\":\"MICHIGAN\",\"baseUrl\":\"http://127.0.0.1:1\"}")));
        server.stubFor(WireMock.get("/internal/services/ghost").willReturn(WireMock.notFound()));
        server.stubFor(WireMock.post("/mis/api/v2/tokens/verify")
                .willReturn(WireMock.okJson("{\"valid\":false,\"message\":\"Invalid token\"}")));
        server.stubFor(WireMock.post("/mis/api/v2/tokens/verify")
                .withRequestBody(WireMock.containing("token=michigan-secret-token"))
                .willReturn(WireMock.okJson(
                        "{\"valid\":true,\"expire\":\"2026-12-23\",\"name\":\"Ada\",\"username\":\"ada\"}")));
        return server;
    }

    /** An admin's id and access token. */
    private record AdminSession(String id, String accessToken) {}

    private String adminToken() {
        return (String) read(login(ADMIN_EMAIL, ADMIN_PASSWORD)).get("accessToken");
    }

    /** Registers an account with {@link #PASSWORD}, lets {@code byAdmin} make it an admin, and signs it in. */
    private AdminSession newAdmin(String byAdmin) {
        String email = uniqueEmail();
        String id = (String) read(register(email, PASSWORD)).get("id");
        assertThat(patchAs("/api/v1/admin/users/" + id, byAdmin, Map.of("role", "ADMIN"))
                        .statusCode())
                .isEqualTo(200);
        return new AdminSession(id, (String) read(login(email, PASSWORD)).get("accessToken"));
    }

    /** Makes the calls on virtual threads released together, and answers their statuses in the calls' order. */
    private static List<Integer> statusesOfCallsAtOnce(List<Supplier<HttpResponse<String>>> calls) throws Exception {
        return AtOnce.run(calls.stream()
                .<Callable<Integer>>map(call -> () -> call.get().statusCode())
                .toList());
    }

    private String strangerToken() {
        String email = uniqueEmail();
        register(email, PASSWORD);
        return (String) read(login(email, PASSWORD)).get("accessToken");
    }

    private String serviceToken(String client, String secret) {
        return (String) read(serviceTokenResponse(client, secret)).get("access_token");
    }

    private HttpResponse<String> serviceTokenResponse(String client, String secret) {
        String basic = java.util.Base64.getEncoder()
                .encodeToString((client + ":" + secret).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/internal/service-tokens"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build());
    }

    private HttpResponse<String> deleteAs(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token)
                .DELETE()
                .build());
    }

    private HttpResponse<String> postAs(String path, String token, Map<String, ?> body) {
        return call("POST", path, token, body);
    }

    private HttpResponse<String> putAs(String path, String token, Map<String, ?> body) {
        return call("PUT", path, token, body);
    }

    private HttpResponse<String> patchAs(String path, String token, Map<String, ?> body) {
        return call("PATCH", path, token, body);
    }

    private HttpResponse<String> deleteWithBody(String path, String token, Map<String, ?> body) {
        return call("DELETE", path, token, body);
    }

    /** A JSON request to the service under test, with a bearer token. */
    private HttpResponse<String> call(String method, String path, String token, Map<String, ?> body) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build());
    }

    /** Asks for a password reset and answers the token its event carries (the one the e-mail would). */
    private String requestResetToken(String email, String userId) {
        assertThat(post("/api/v1/auth/password-reset", Map.of("email", email)).statusCode())
                .isEqualTo(202);
        String envelope = new JdbcTemplate(dataSource)
                .queryForObject(
                        "SELECT envelope::text FROM event_outbox WHERE type = 'user.password-reset-requested'"
                                + " AND subject = ? ORDER BY created_at DESC LIMIT 1",
                        String.class,
                        userId);
        return (String) ((Map<?, ?>) json.readValue(envelope, Map.class).get("data")).get("resetToken");
    }

    private HttpResponse<String> register(String email, String password) {
        return post(
                "/api/v1/auth/register",
                Map.of("email", email, "password", password, "name", "Ada Lovelace", "institution", "Analytical"));
    }

    private HttpResponse<String> login(String email, String password) {
        return post("/api/v1/auth/login", Map.of("email", email, "password", password));
    }

    private HttpResponse<String> post(String path, Map<String, ?> body) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> read(HttpResponse<String> response) {
        return json.readValue(response.body(), Map.class);
    }

    private String detail(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        return (String) read(response).get("detail");
    }

    private static String uniqueEmail() {
        return "ada." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }
}
