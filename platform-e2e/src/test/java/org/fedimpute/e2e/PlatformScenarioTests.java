package org.fedimpute.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import htsjdk.samtools.util.BlockCompressedInputStream;
import htsjdk.samtools.util.BlockCompressedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fedimpute.e2e.journey.Gateway;
import org.fedimpute.e2e.journey.Mailbox;
import org.fedimpute.e2e.journey.ResearcherJourney;
import org.fedimpute.test.genotypes.BeagleCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What happens around a researcher's job when things are not the demo's straight line, on the same started platform:
 * a Michigan-type server an admin registers (a WireMock Cloudgene 2 stub, in the shapes PROTOCOLS.md records), a
 * file the validator refuses before anything is queued, a server that dies while it holds a job, and a cancel that
 * must reach the imputation node.
 */
@ExtendWith(E2ePlatform.Resolver.class)
class PlatformScenarioTests {

    private static final String REMOTE_JOB = "job-20261206-101500-042";
    private static final String STATUS = "/api/v2/jobs/" + REMOTE_JOB + "/status";
    private static final String STATES = "the job on the server";
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(3);

    private static E2ePlatform platform;
    private static Gateway gateway;
    private final List<ResearcherJourney> researchers = new ArrayList<>();
    private MichiganServer michigan;

    @BeforeAll
    static void onThePlatform(E2ePlatform started) {
        platform = started;
        gateway = started.gateway();
    }

    @AfterEach
    void stopTheServerAndTheResearchersStreams() {
        if (michigan != null) {
            michigan.close();
        }
        researchers.forEach(ResearcherJourney::close);
    }

    @Test
    void aJobOnAMichiganServerAnAdminRegisteredRunsToCompletion() {
        String slug = michiganServer();
        michigan.wiremock()
                .stubFor(get(STATUS)
                        .inScenario(STATES)
                        .whenScenarioStateIs(STARTED)
                        .willReturn(okJson(cloudgeneJob(2, "Imputation", "Imputing chunk 1 of 1", "[]")))
                        .willSetStateTo("done"));
        michigan.wiremock()
                .stubFor(get(STATUS)
                        .inScenario(STATES)
                        .whenScenarioStateIs("done")
                        .willReturn(okJson(MichiganServer.finishedStatus(REMOTE_JOB))));
        michigan.finishedRecord(REMOTE_JOB, """
                [{"id":10,"name":"output","download":true,"hash":"p1","files":[
                  {"name":"chr_20.zip","path":"%s/output/chr_20.zip","hash":"9f8e7d6c","size":"1 KB"},
                  {"name":"results.md5","path":"%1$s/output/results.md5","hash":"5e6f7a8b","size":"1 KB"}]},
                 {"id":11,"name":"qcreport","download":true,"hash":"p2","files":[
                  {"name":"qcreport.html","path":"%1$s/qcreport/qcreport.html","hash":"1a2b3c4d","size":"1 KB"}]}]
                """.formatted(REMOTE_JOB));
        michigan.wiremock()
                .stubFor(get("/share/results/9f8e7d6c/chr_20.zip")
                        .willReturn(MichiganServer.download("imputed chr20, zipped")));
        michigan.wiremock()
                .stubFor(get("/share/results/5e6f7a8b/results.md5")
                        .willReturn(MichiganServer.download("0cc175b9  chr_20.zip")));
        michigan.wiremock()
                .stubFor(get("/share/results/1a2b3c4d/qcreport.html")
                        .willReturn(MichiganServer.download("<html>QC report</html>")));
        ResearcherJourney researcher = researcherWithTokenFor(slug);

        Map<String, Object> job = awaitEnd(submit(researcher, slug), researcher);

        assertThat(job.get("status")).as("job %s", job).isEqualTo("COMPLETED");
        assertThat(job.get("remoteJobId")).isEqualTo(REMOTE_JOB);
        List<?> results = (List<?>) job.get("resultFileIds");
        assertThat(results).hasSize(3);
        Path stored = gateway.download(
                "/api/v1/files/" + results.getFirst() + "/content",
                researcher.apiKey(),
                platform.work().resolve("michigan-" + UUID.randomUUID()));
        assertThat(stored).hasContent("imputed chr20, zipped");
        michigan.wiremock()
                .verify(
                        1,
                        postRequestedFor(urlEqualTo(MichiganServer.SUBMIT))
                                .withHeader("X-Auth-Token", equalTo(tokenOf(researcher))));
    }

    @Test
    void aFileNamedForTheWrongBuildIsRefusedBeforeQueueingWithTheValidatorsFix() throws IOException {
        ResearcherJourney researcher = researcher();
        Path numeric = platform.work().resolve("numeric-" + UUID.randomUUID() + ".vcf.gz");
        renameChromosome(platform.demo().target(), numeric, "chr20", "20");
        Map<String, Object> upload = Gateway.read(
                gateway.upload("/api/v1/files", researcher.apiKey(), Map.of("declaredBuild", "hg38"), numeric));

        HttpResponse<String> refused = gateway.post(
                "/api/v1/jobs",
                researcher.apiKey(),
                Map.of(
                        "name", "numeric chromosome names",
                        "service", "local-node",
                        "referencePanel", "synthetic-chr20",
                        "build", "hg38",
                        "fileIds", List.of(upload.get("id"))));

        assertThat(refused.statusCode()).as(refused.body()).isBetween(400, 428);
        assertThat(refused.body()).contains("CHROMOSOME_NAMING").contains("bcftools");
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat((List<?>) Gateway.read(gateway.get("/api/v1/jobs", researcher.apiKey()))
                        .get("items"))
                .isEmpty();
    }

    @Test
    void aServerThatDiesWhileHoldingAJobFailsItWithTheReasonAndAMail() {
        String slug = michiganServer();
        michigan.wiremock()
                .stubFor(get(STATUS).willReturn(okJson(cloudgeneJob(2, "Imputation", "Imputing chunk 1 of 9", "[]"))));
        ResearcherJourney researcher = researcherWithTokenFor(slug);
        String jobId = submit(researcher, slug);
        awaitStatus(jobId, researcher, "RUNNING", Duration.ofMinutes(1));

        michigan.stop();
        Map<String, Object> job = awaitEnd(jobId, researcher);

        assertThat(job.get("status")).as("job %s", job).isEqualTo("FAILED");
        assertThat((String) job.get("failureReason")).contains("unreachable for longer than");
        assertThat(new Mailbox(platform.imapHost(), platform.imapPort())
                        .await(researcher.email(), "failed", Duration.ofMinutes(1))
                        .text())
                .contains("unreachable");
    }

    @Test
    void cancellingARunningJobOnTheNodeCancelsTheNodesRun() {
        assumeTrue(BeagleCommand.installed(), "Beagle is not installed (Debian package beagle)");
        ResearcherJourney researcher = researcher();
        researcher.uploadGenotypes();
        researcher.submitJob();
        String jobId = researcher.jobId();
        Map<String, Object> running = awaitStatus(jobId, researcher, "RUNNING", Duration.ofMinutes(2));
        String runId = (String) running.get("remoteJobId");

        HttpResponse<String> cancel = gateway.post("/api/v1/jobs/" + jobId + "/cancel", researcher.apiKey(), null);

        assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(202);
        assertThat(awaitEnd(jobId, researcher).get("status")).isEqualTo("CANCELLED");
        assertThat(Gateway.read(platform.node()
                                .get("/ga4gh/wes/v1/runs/" + runId + "/status", E2ePlatform.hubCredential()))
                        .get("state"))
                .isEqualTo("CANCELED");
    }

    /** A Michigan-type server registered by the admin, with a synced panel and a submit that takes the job. */
    private String michiganServer() {
        michigan = MichiganServer.registeredOn(platform);
        michigan.wiremock().stubFor(post(MichiganServer.SUBMIT).willReturn(okJson("""
                {"success":true,"message":"Your job was successfully added to the job queue.","id":"%s"}
                """.formatted(REMOTE_JOB))));
        return michigan.slug();
    }

    private ResearcherJourney researcher() {
        ResearcherJourney researcher = platform.journey();
        researchers.add(researcher);
        researcher.register();
        researcher.logIn();
        researcher.createApiKey();
        return researcher;
    }

    /** A researcher who saved their token for the server, and uploaded the demo genotypes. */
    private ResearcherJourney researcherWithTokenFor(String slug) {
        ResearcherJourney researcher = researcher();
        Gateway.read(gateway.put(
                "/api/v1/users/me/external-tokens/" + slug,
                researcher.session(),
                Map.of("token", tokenOf(researcher))));
        researcher.uploadGenotypes();
        return researcher;
    }

    private static String tokenOf(ResearcherJourney researcher) {
        return MichiganServer.tokenOf(researcher.email());
    }

    private String submit(ResearcherJourney researcher, String slug) {
        List<?> files = (List<?>)
                Gateway.read(gateway.get("/api/v1/files", researcher.apiKey())).get("items");
        return (String) Gateway.read(gateway.post(
                        "/api/v1/jobs",
                        researcher.apiKey(),
                        michigan.job("chr20 on " + slug, List.of(((Map<?, ?>) files.getFirst()).get("id")))))
                .get("id");
    }

    private static Map<String, Object> awaitEnd(String jobId, ResearcherJourney researcher) {
        return new JobWatch(gateway, researcher.apiKey()).awaitEnd(jobId, JOB_TIMEOUT);
    }

    private static Map<String, Object> awaitStatus(
            String jobId, ResearcherJourney researcher, String status, Duration timeout) {
        return new JobWatch(gateway, researcher.apiKey()).awaitStatus(jobId, status, timeout);
    }

    private static String cloudgeneJob(int state, String step, String message, String outputs) {
        return MichiganServer.cloudgeneJob(REMOTE_JOB, state, step, message, outputs);
    }

    /** Copies a bgzipped VCF, renaming one chromosome everywhere it is named (header and records). */
    private static void renameChromosome(Path source, Path target, String from, String to) throws IOException {
        String text;
        try (BlockCompressedInputStream in = new BlockCompressedInputStream(source.toFile())) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String renamed =
                text.replace("ID=" + from + ",", "ID=" + to + ",").replaceAll("(?m)^" + from + "\t", to + "\t");
        try (OutputStream out = new BlockCompressedOutputStream(Files.newOutputStream(target), (Path) null)) {
            out.write(renamed.getBytes(StandardCharsets.UTF_8));
        }
    }
}
