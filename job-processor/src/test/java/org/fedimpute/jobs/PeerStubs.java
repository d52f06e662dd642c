package org.fedimpute.jobs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.fedimpute.test.security.TestJwtIssuer;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * service-registry, user-service and file-manager as job-processor sees them, on one WireMock server, in the shapes
 * their internal endpoints answer; anything not stubbed answers 404, which is "unknown" to job-processor.
 */
public final class PeerStubs {

    /** file-manager's list of the results it holds for a job. */
    private static final String JOB_RESULTS = "/internal/jobs/[^/]+/results";
    /** file-manager's question whether its storage takes files. */
    public static final String STORAGE_PROBE = "/internal/files/probe";

    private final WireMockServer server;
    private final Map<String, StubMapping> storesDown = new ConcurrentHashMap<>();

    public PeerStubs(WireMockServer server) {
        this.server = server;
    }

    /** A started server that already hands out service tokens. */
    public static WireMockServer start() {
        WireMockServer server =
                new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        server.stubFor(post(urlPathEqualTo("/internal/service-tokens"))
                .willReturn(okJson("{\"access_token\":\"job-processor-token\",\"token_type\":\"Bearer\","
                        + "\"expires_in\":3600}")));
        server.stubFor(get(urlPathMatching(JOB_RESULTS)).willReturn(okJson("[]")));
        server.stubFor(
                post(urlPathEqualTo(STORAGE_PROBE)).willReturn(aResponse().withStatus(204)));
        return server;
    }

    /** Points job-processor at the stubs and at the test issuer's keys. */
    public static void register(DynamicPropertyRegistry registry, WireMockServer server, TestJwtIssuer tokens) {
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", tokens::jwksUri);
        registry.add("fedimpute.jobs.registry-url", server::baseUrl);
        registry.add("fedimpute.jobs.users-url", server::baseUrl);
        registry.add("fedimpute.jobs.files-url", server::baseUrl);
        registry.add("fedimpute.service-client.token-uri", () -> server.baseUrl() + "/internal/service-tokens");
    }

    public static String panelKey(String service) {
        return "apps@" + service + "-panel@1.0.0";
    }

    /** A service the scripted remote server plays, with one hg38 panel for afr, eur and mixed. */
    public UUID service(String slug, boolean requiresUserToken, boolean active) {
        return service(slug, requiresUserToken, active, true);
    }

    public UUID service(String slug, boolean requiresUserToken, boolean active, boolean panelAvailable) {
        return service(slug, requiresUserToken, active, panelAvailable, "hg38");
    }

    /** A service whose one panel (for afr, eur and mixed) is offered on these builds. */
    public UUID service(
            String slug, boolean requiresUserToken, boolean active, boolean panelAvailable, String... builds) {
        return service(
                slug,
                "SCRIPTED",
                "https://" + slug + ".example.org",
                requiresUserToken,
                active,
                panelAvailable,
                builds);
    }

    /**
     * An active service of this kind ({@code MICHIGAN}, {@code GA4GH_WES}) at this base URL, named "Server
     * {slug}", with one available hg38 panel ({@link #panelKey}) for afr, eur and mixed.
     */
    public UUID remoteService(String slug, String kind, String baseUrl, boolean requiresUserToken) {
        return service(slug, kind, baseUrl, requiresUserToken, true, true, "hg38");
    }

    private UUID service(
            String slug,
            String kind,
            String baseUrl,
            boolean requiresUserToken,
            boolean active,
            boolean panelAvailable,
            String... builds) {
        UUID id = UUID.randomUUID();
        server.stubFor(get(urlPathEqualTo("/internal/services/" + slug)).willReturn(okJson("""
                {"id":"%s","slug":"%s","name":"Server %s","kind":"%s","baseUrl":"%s",
                 "michiganAppId":"imputationserver2","maxUploadBytes":1000000,"active":%s,"requiresUserToken":%s,
                 "connectTimeoutMs":2000,"readTimeoutMs":5000,
                 "panels":[{"remoteKey":"%s","name":"Panel %s","builds":[%s],"populations":["afr","eur","mixed"],
                            "available":%s}]}
                """.formatted(
                id,
                slug,
                slug,
                kind,
                baseUrl,
                active,
                requiresUserToken,
                panelKey(slug),
                slug,
                String.join(
                        ",",
                        Arrays.stream(builds).map(build -> '"' + build + '"').toList()),
                panelAvailable))));
        return id;
    }

    /** service-registry refusing to look the slug up at all, as it (or its server) does a slug that is no name. */
    public void lookupRefused(String slug) {
        server.stubFor(get(urlPathEqualTo("/internal/services/" + slug))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"status\":400,\"title\":\"Bad Request\"}")));
    }

    /** How many times the service was looked up in service-registry. */
    public int lookupsOf(String slug) {
        return server.countRequestsMatching(getRequestedFor(urlPathEqualTo("/internal/services/" + slug))
                        .build())
                .getCount();
    }

    /** The user's token for the service at user-service. */
    public void token(UUID user, String service) {
        server.stubFor(get(urlPathEqualTo("/internal/users/" + user + "/external-tokens/" + service))
                .willReturn(okJson("{\"token\":\"token-of-" + user + "\"}")));
    }

    /** An input file of the owner in file-manager, with this validation status; its content is {@link #content}. */
    public UUID file(UUID owner, String validationStatus, String validationReport) {
        UUID id = UUID.randomUUID();
        return file(id, owner, validationStatus, validationReport, content(id).length());
    }

    /** A valid input file that file-manager says is this large. */
    public UUID fileOfSize(UUID owner, long sizeBytes) {
        return file(UUID.randomUUID(), owner, "VALID", null, sizeBytes);
    }

    private UUID file(UUID id, UUID owner, String validationStatus, String validationReport, long sizeBytes) {
        String content = content(id);
        server.stubFor(get(urlPathEqualTo("/api/v1/files/" + id)).willReturn(okJson("""
                {"id":"%s","ownerId":"%s","jobId":null,"kind":"INPUT","fileName":"chr20-%s.vcf.gz","sizeBytes":%d,
                 "sha256":"00","md5":"00","contentType":"application/gzip","validationStatus":"%s",
                 "validationReport":%s,"service":null,"declaredBuild":"hg38",
                 "createdAt":"2026-11-01T10:00:00Z","expiresAt":null}
                """.formatted(
                id, owner, id, sizeBytes, validationStatus, validationReport == null ? "{}" : validationReport))));
        // As file-manager answers: valid as uploaded (hg38), and the build checks failing for any other build.
        server.stubFor(get(urlPathEqualTo("/api/v1/files/" + id + "/validation"))
                .willReturn(okJson("{\"verdict\":\"INVALID\",\"findings\":[{\"code\":\"BUILD_MISMATCH\"}]}")));
        server.stubFor(get(urlPathEqualTo("/api/v1/files/" + id + "/validation"))
                .withQueryParam("build", equalTo("hg38"))
                .willReturn(okJson("{\"verdict\":\"VALID\",\"findings\":[]}")));
        server.stubFor(get(urlPathEqualTo("/api/v1/files/" + id + "/content"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/octet-stream")
                        .withBody(content.getBytes(StandardCharsets.UTF_8))));
        return id;
    }

    private static String record(
            UUID id, UUID owner, String fileName, long sizeBytes, String validationStatus, String validationReport) {
        return """
                {"id":"%s","ownerId":"%s","jobId":null,"kind":"INPUT","fileName":"%s","sizeBytes":%d,
                 "sha256":"00","md5":"00","contentType":"application/gzip","validationStatus":"%s",
                 "validationReport":%s,"service":null,"declaredBuild":"hg38",
                 "createdAt":"2026-11-01T10:00:00Z","expiresAt":null}
                """.formatted(
                id, owner, fileName, sizeBytes, validationStatus, validationReport == null ? "{}" : validationReport);
    }

    /** file-manager answering the researcher's upload of a file of this name with {@code answer}. */
    public void uploadAnswered(String fileName, ResponseDefinitionBuilder answer) {
        server.stubFor(post(urlPathEqualTo("/api/v1/files"))
                .withRequestBody(containing("filename=\"" + fileName + "\""))
                .willReturn(answer));
    }

    public static String content(UUID fileId) {
        return "genotypes of " + fileId;
    }

    /**
     * file-manager taking the researcher's upload of a file of this name: it answers a PENDING record and, to later
     * reads, PENDING once more and then {@code laterStatus}; answers the new file's id.
     */
    public UUID upload(UUID owner, String fileName, String laterStatus, String validationReport) {
        UUID id = UUID.randomUUID();
        String record = record(id, owner, fileName, 12, "PENDING", null);
        uploadAnswered(
                fileName,
                aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody(record));
        String scenario = "validation of " + id;
        server.stubFor(get(urlPathEqualTo("/api/v1/files/" + id))
                .inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(record))
                .willSetStateTo("validated"));
        server.stubFor(get(urlPathEqualTo("/api/v1/files/" + id))
                .inScenario(scenario)
                .whenScenarioStateIs("validated")
                .willReturn(okJson(record(id, owner, fileName, 12, laterStatus, validationReport))));
        // As file-manager answers: valid as uploaded (hg38), and the build checks failing for any other build.
        server.stubFor(get(urlPathEqualTo("/api/v1/files/" + id + "/validation"))
                .willReturn(okJson("{\"verdict\":\"INVALID\",\"findings\":[{\"code\":\"BUILD_MISMATCH\"}]}")));
        server.stubFor(get(urlPathEqualTo("/api/v1/files/" + id + "/validation"))
                .withQueryParam("build", equalTo("hg38"))
                .willReturn(okJson("{\"verdict\":\"VALID\",\"findings\":[]}")));
        server.stubFor(get(urlPathEqualTo("/api/v1/files/" + id + "/content"))
                .willReturn(aResponse().withBody(content(id).getBytes(StandardCharsets.UTF_8))));
        return id;
    }

    /** file-manager refusing a result of this name as a problem (400), as it refuses a name it does not allow. */
    public void resultRefused(String name) {
        server.stubFor(
                post(urlPathEqualTo("/internal/files"))
                        .withQueryParam("name", equalTo(name))
                        .willReturn(
                                aResponse()
                                        .withStatus(400)
                                        .withHeader("Content-Type", "application/problem+json")
                                        .withBody(
                                                "{\"status\":400,\"title\":\"Bad Request\",\"detail\":\"The request has invalid fields.\"}")));
    }

    /**
     * file-manager failing (503) the first time a result of this name is sent, then storing it as {@link
     * #resultStore} does; answers the id it is stored under.
     */
    public UUID resultStoreFailingOnce(String name) {
        UUID id = resultStore(name);
        firstStoreAnswers503(name, "store " + name);
        return id;
    }

    /**
     * file-manager's storage down: 503 to every attempt to store a result of this name, and to every storage probe,
     * until {@link #recoverResultStore} is called; answers the id the store gives after that.
     */
    public UUID resultStoreDown(String name) {
        UUID id = resultStore(name);
        storesDown.put(
                name,
                server.stubFor(post(urlPathEqualTo("/internal/files"))
                        .withQueryParam("name", equalTo(name))
                        .willReturn(aResponse().withStatus(503))));
        storesDown.put(
                name + " probe",
                server.stubFor(post(urlPathEqualTo(STORAGE_PROBE))
                        .willReturn(aResponse().withStatus(503))));
        return id;
    }

    /** file-manager's storage is back for the result {@link #resultStoreDown} held off. */
    public void recoverResultStore(String name) {
        server.removeStub(storesDown.remove(name));
        server.removeStub(storesDown.remove(name + " probe"));
    }

    /**
     * file-manager storing the result of this name but its answer never reaching job-processor (a 503 here, as a lost
     * answer looks), and from then on listing it among the job's stored results; answers the id it is stored under.
     */
    public UUID resultStoredButAnswerLost(String name) {
        String scenario = "answer lost for " + name;
        UUID id = UUID.randomUUID();
        firstStoreAnswers503(name, scenario);
        server.stubFor(get(urlPathMatching(JOB_RESULTS))
                .inScenario(scenario)
                .whenScenarioStateIs("stored")
                .willReturn(okJson("""
                        [{"id":"%s","ownerId":null,"jobId":null,"kind":"RESULT","fileName":"%s","sizeBytes":1,
                          "validationStatus":"NOT_APPLICABLE","validationReport":{}}]
                        """.formatted(id, name))));
        return id;
    }

    /** The first store of a result of this name answers 503 and moves the scenario to "stored". */
    private void firstStoreAnswers503(String name, String scenario) {
        server.stubFor(post(urlPathEqualTo("/internal/files"))
                .withQueryParam("name", equalTo(name))
                .inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("stored"));
    }

    /** file-manager's answer when a result of this name is stored: a record with a fresh id, which this answers. */
    public UUID resultStore(String name) {
        UUID id = UUID.randomUUID();
        server.stubFor(post(urlPathEqualTo("/internal/files"))
                .withQueryParam("name", equalTo(name))
                .withQueryParam("kind", equalTo("RESULT"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                                {"id":"%s","ownerId":null,"jobId":null,"kind":"RESULT","fileName":"%s","sizeBytes":1,
                                 "validationStatus":"NOT_APPLICABLE","validationReport":{}}
                                """.formatted(id, name))));
        return id;
    }
}
