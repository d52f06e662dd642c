package org.fedimpute.platform.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.fedimpute.test.security.TestJwtIssuer;
import org.fedimpute.test.service.PlatformServiceConformance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The starter's promises seen from a client of a service built on it: field-by-field validation problems, failures
 * answered without their details but logged with the request id, public paths, and the token's roles and tier.
 */
@ExtendWith(OutputCaptureExtension.class)
class StarterBehaviourTests extends PlatformServiceConformance {

    StarterBehaviourTests() {
        super("sample", "sample");
    }

    @Test
    void anInvalidBodyIsAProblemListingEachBadField() {
        HttpResponse<String> response = post("/api/v1/samples", "{\"name\":\" \",\"replicates\":0}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertProblem(response, 400);
        assertThat(response.body())
                .contains("\"field\":\"name\"")
                .contains("\"field\":\"replicates\"")
                .contains("\"errors\":[");
    }

    @Test
    void anUnreadableBodyIsA400Problem() {
        HttpResponse<String> response = post("/api/v1/samples", "{not json");
        assertThat(response.statusCode()).isEqualTo(400);
        assertProblem(response, 400);
    }

    @Test
    void anInvalidPathParameterIsAProblemNamingIt() {
        HttpResponse<String> response = get("/api/v1/samples/-3", token());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"id\"");
    }

    @Test
    void aValueRejectedByAValidatedBeanIsA400ProblemNamingIt() {
        HttpResponse<String> response = get("/api/v1/samples/validated/NOT-OK", token());
        assertThat(response.statusCode()).isEqualTo(400);
        assertProblem(response, 400);
        assertThat(response.body()).contains("\"field\":\"code\"");
    }

    @Test
    void anUnexpectedFailureHidesItsDetailsButIsLoggedWithTheRequestId(CapturedOutput output) {
        HttpResponse<String> response = get("/api/v1/samples/boom", token());
        assertThat(response.statusCode()).isEqualTo(500);
        assertProblem(response, 500);
        assertThat(response.body()).doesNotContain("hunter2").doesNotContain("IllegalStateException");
        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(output.getOut()).contains(requestId).contains("Unhandled exception");
    }

    @ParameterizedTest
    @ValueSource(strings = {"database-away", "database-cut", "peer-away"})
    void aDatabaseOrServiceThatCannotBeReachedIsA503ToRetryNotA500(String failure, CapturedOutput output) {
        HttpResponse<String> response = get("/api/v1/samples/" + failure, token());
        assertThat(response.statusCode()).isEqualTo(503);
        assertProblem(response, 503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(response.body())
                .doesNotContain("5432")
                .doesNotContain("8004")
                .doesNotContain("Exception");
        assertThat(output.getOut()).contains("Answered 503").doesNotContain("Unhandled exception");
    }

    @Test
    void aRecordChangedByAnotherRequestMeanwhileIsA409ToRetryNotA500(CapturedOutput output) {
        HttpResponse<String> response = get("/api/v1/samples/changed-meanwhile", token());
        assertThat(response.statusCode()).isEqualTo(409);
        assertProblem(response, 409);
        assertThat(response.body())
                .contains("Try again")
                .doesNotContain("Exception")
                .doesNotContain("Sample");
        assertThat(output.getOut()).doesNotContain("Unhandled exception");
    }

    @Test
    void aFailureInAFilterReachesTheClientAsAProblemWithoutItsDetails() {
        HttpResponse<String> response = get("/api/v1/samples/public/filter-failure", null);
        assertThat(response.statusCode()).isEqualTo(500);
        assertProblem(response, 500);
        assertThat(response.body())
                .doesNotContain("s3cr3t")
                .contains("\"instance\":\"/api/v1/samples/public/filter-failure\"");
    }

    @Test
    void anApiKeyReachesOnlyWhatItsScopesOpen() {
        TestJwtIssuer issuer = TestJwtIssuer.get();
        UUID owner = UUID.randomUUID();
        String reader = issuer.apiKey(owner, "RESEARCHER", List.of("samples:read"));
        assertThat(get("/api/v1/samples/7", reader).statusCode()).isEqualTo(200);
        assertProblem(createSample(reader), 403);
        assertThat(createSample(issuer.apiKey(owner, "RESEARCHER", List.of("samples:read", "samples:write")))
                        .statusCode())
                .isEqualTo(200);
        assertProblem(get("/api/v1/samples/7", issuer.apiKey(owner, "RESEARCHER", List.of("jobs:read"))), 403);
        assertProblem(get("/api/v1/admin/anything", issuer.apiKey(owner, "ADMIN", List.of("admin:read"))), 403);
        assertThat(get("/api/v1/samples/7", issuer.researcher(owner)).statusCode())
                .isEqualTo(200);
    }

    private HttpResponse<String> createSample(String token) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/samples"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\",\"replicates\":1}"))
                .build());
    }

    @Test
    void aPublicPathNeedsNoToken() {
        HttpResponse<String> response = get("/api/v1/samples/public/ping", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("pong");
    }

    @Test
    void theTokensRolesAndTierBecomeAuthorities() {
        String token = TestJwtIssuer.get()
                .mint(UUID.randomUUID().toString(), List.of("RESEARCHER"), "PREMIUM", java.time.Duration.ofMinutes(5));
        assertThat(get("/api/v1/samples/me", token).body()).isEqualTo("[\"ROLE_RESEARCHER\",\"TIER_PREMIUM\"]");
    }

    @Test
    void anExpiredTokenIsRejected() {
        String expired = TestJwtIssuer.get()
                .mint(UUID.randomUUID().toString(), List.of("ADMIN"), "FREE", java.time.Duration.ofMinutes(-5));
        assertThat(get("/api/v1/samples/me", expired).statusCode()).isEqualTo(401);
    }

    @Test
    void aTokenFromAnotherIssuerOrWithAnotherAlgorithmIsRejected() throws Exception {
        String foreign = TestJwtIssuer.get()
                .mint(
                        UUID.randomUUID().toString(),
                        List.of("ADMIN"),
                        "FREE",
                        java.time.Duration.ofMinutes(5),
                        "someone-else");
        assertThat(get("/api/v1/samples/me", foreign).statusCode()).isEqualTo(401);

        String valid = token();
        String[] parts = valid.split("\\.");
        String header = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"alg\":\"none\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(get("/api/v1/samples/me", header + "." + parts[1] + ".").statusCode())
                .isEqualTo(401);
    }

    private String token() {
        return TestJwtIssuer.get().researcher(UUID.randomUUID());
    }

    private HttpResponse<String> post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }
}
