package org.fedimpute.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fedimpute.e2e.journey.Credential;
import org.fedimpute.e2e.journey.Gateway;

/**
 * A Michigan-type server for the platform's tests: a WireMock Cloudgene 2 stub answering the server, app and token
 * calls in the shapes PROTOCOLS.md records, registered by the platform's admin with its panel synced. Each test stubs
 * the submit and status calls it needs.
 */
final class MichiganServer implements AutoCloseable {

    static final String SUBMIT = "/api/v2/jobs/submit/imputationserver2";
    static final String PANEL_KEY = "apps@1000g-phase-3-v5@2.0.0";

    private final WireMockServer wiremock;
    private final String slug;

    private MichiganServer(WireMockServer wiremock, String slug) {
        this.wiremock = wiremock;
        this.slug = slug;
    }

    /** Starts the stub and has the platform's admin register it; its researchers then need a token for it. */
    static MichiganServer registeredOn(E2ePlatform platform) {
        WireMockServer wiremock =
                new WireMockServer(WireMockConfiguration.options().dynamicPort());
        wiremock.start();
        wiremock.stubFor(get("/api/v2/server").willReturn(okJson("""
                {"name":"Michigan stub","user":null,"apps":[{"id":"imputationserver2","name":"Genotype Imputation","version":"2.0.0"}]}
                """)));
        wiremock.stubFor(get("/api/v2/server/apps/imputationserver2").willReturn(okJson("""
                {"id":"imputationserver2","version":"2.0.0","params":[
                  {"id":"refpanel","type":"app_list","values":[{"key":"%s","value":"1000 Genomes Phase 3 (hg38)"}]},
                  {"id":"population","type":"binded_list","values":[{"key":"%1$s","values":[{"key":"eur","value":"EUR"}]}]},
                  {"id":"build","type":"list","values":[{"key":"hg19","value":"GRCh37/hg19"},{"key":"hg38","value":"GRCh38/hg38"}]}]}
                """.formatted(PANEL_KEY))));
        wiremock.stubFor(post("/api/v2/tokens/verify").willReturn(okJson("""
                        {"valid":true,"expire":"2027-01-06","name":"e2e","username":"mcking","message":"ok"}""")));
        Gateway gateway = platform.gateway();
        Credential admin = platform.admin();
        String slug = "michigan-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> service = Gateway.read(gateway.post(
                "/api/v1/admin/services",
                admin,
                Map.of(
                        "slug",
                        slug,
                        "name",
                        "Michigan (stub)",
                        "kind",
                        "MICHIGAN",
                        "baseUrl",
                        wiremock.baseUrl(),
                        "supportedBuilds",
                        List.of("hg19", "hg38"))));
        Gateway.read(gateway.post("/api/v1/admin/services/" + service.get("id") + "/panel-sync", admin, null));
        return new MichiganServer(wiremock, slug);
    }

    String slug() {
        return slug;
    }

    WireMockServer wiremock() {
        return wiremock;
    }

    /** A job submission (single or batch) for this server's panel, on hg38, for the given uploaded files. */
    Map<String, Object> job(String name, List<?> fileIds) {
        return Map.of(
                "name", name,
                "service", slug,
                "referencePanel", PANEL_KEY,
                "build", "hg38",
                "population", "eur",
                "fileIds", fileIds);
    }

    /** The token a researcher saves for this server (the stub accepts any). */
    static String tokenOf(String email) {
        return "cloudgene-token-of-" + email;
    }

    /**
     * Lets the server finish a job with these output parameters, as Cloudgene shows a finished job: {@code /status}
     * at state 4 without steps or outputs (the job has left its engine), and the full record with them.
     */
    void finish(String remoteJobId, String outputs) {
        wiremock.stubFor(get("/api/v2/jobs/" + remoteJobId + "/status")
                .atPriority(1)
                .willReturn(okJson(finishedStatus(remoteJobId))));
        finishedRecord(remoteJobId, outputs);
    }

    /** The full record of a finished job, with these output parameters. */
    void finishedRecord(String remoteJobId, String outputs) {
        wiremock.stubFor(get("/api/v2/jobs/" + remoteJobId)
                .willReturn(okJson(cloudgeneJob(
                        remoteJobId, 4, "Data Compression and Encryption", "Data have been exported.", outputs))));
    }

    /** {@code /status} of a job that finished: state 4, without the steps and outputs only its full record has. */
    static String finishedStatus(String remoteJobId) {
        return """
                {"id":"%s","name":"chr20","state":4,"positionInQueue":0,"steps":[],"outputParams":[]}
                """.formatted(remoteJobId);
    }

    /** A Cloudgene job document: its state, one step with one log message, and its output parameters. */
    static String cloudgeneJob(String id, int state, String step, String message, String outputs) {
        return """
                {"id":"%s","name":"chr20","state":%d,"positionInQueue":0,"steps":[
                  {"id":1,"name":"%s","logMessages":[{"message":"%s","type":0,"time":1}]}],
                 "outputParams":%s}
                """.formatted(id, state, step, message, outputs);
    }

    /** A result file as {@code /share/results/{hash}/{name}} serves it. */
    static ResponseDefinitionBuilder download(String content) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/octet-stream")
                .withBody(content.getBytes(StandardCharsets.UTF_8));
    }

    boolean isRunning() {
        return wiremock.isRunning();
    }

    /** Stops answering, as a server that goes away does. */
    void stop() {
        wiremock.stop();
    }

    @Override
    public void close() {
        if (wiremock.isRunning()) {
            wiremock.stop();
        }
    }
}
