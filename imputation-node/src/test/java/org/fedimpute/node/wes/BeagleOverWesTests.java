package org.fedimpute.node.wes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.fedimpute.node.wes.WesCalls.HUB_A_TOKEN;
import static org.fedimpute.node.wes.WesCalls.assertWesError;
import static org.fedimpute.node.wes.WesCalls.json;

import htsjdk.variant.variantcontext.Genotype;
import htsjdk.variant.variantcontext.VariantContext;
import htsjdk.variant.vcf.VCFFileReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.fedimpute.test.genotypes.GenotypeSimulation;
import org.fedimpute.test.genotypes.SimulatedDataset;
import org.fedimpute.test.infra.UseEmbeddedInfra;
import org.fedimpute.test.security.TestJwtIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The node as a hub meets it, with the real pipeline and Beagle: a synthetic target submitted over HTTP is imputed,
 * its outputs are downloaded and checked against the held-out truth; bad input ends as {@code EXECUTOR_ERROR} or a
 * 400 with a reason a researcher understands; cancel stops Beagle. Skipped where Beagle is not installed.
 */
@EnabledIf("org.fedimpute.test.genotypes.BeagleCommand#installed")
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            WesCalls.HUB_A_NAME,
            WesCalls.HUB_A_HASH,
            WesCalls.FAST_QUEUE,
            WesCalls.QUICK_SHUTDOWN,
            "fedimpute.node.runs.concurrent=2",
            "fedimpute.node.threads=2"
        })
@UseEmbeddedInfra
class BeagleOverWesTests {

    /**
     * The least share of the genotypes the array did not type that must come back right. Beagle gets about 0.94 on
     * this simulated population (measured in ImputationPipelineTests), while always guessing each marker's commonest
     * genotype gets about 0.70; 0.9 fails on any mix-up of positions, alleles or samples and leaves room for chance.
     */
    private static final double MIN_CONCORDANCE = 0.9;

    private static final Path DATA = temporaryDirectory();
    private static final SimulatedDataset PANEL =
            simulate(GenotypeSimulation.builder().chromosome("chr20").genomeBuild("GRCh38"), "panel");
    /** A bigger population on its own panel, so that Beagle works long enough to be cancelled. */
    private static final SimulatedDataset SLOW_PANEL = simulate(
            GenotypeSimulation.builder()
                    .seed(3)
                    .chromosome("chr20")
                    .genomeBuild("GRCh38")
                    .referenceSamples(400)
                    .targetSamples(200)
                    .variantSites(20_000)
                    .meanSiteSpacing(500),
            "slow");

    @LocalServerPort
    int port;

    WesCalls wes;

    @DynamicPropertySource
    static void node(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                () -> TestJwtIssuer.get().jwksUri());
        registry.add("fedimpute.node.runs.work-root", () -> DATA.resolve("runs").toString());
        panel(registry, 0, "sim38", PANEL);
        panel(registry, 1, "slow38", SLOW_PANEL);
    }

    @BeforeEach
    void calls() {
        wes = new WesCalls(port);
    }

    @Test
    void aTargetIsImputedOverHttpAndItsOutputsHoldEveryPanelMarkerAndAgreeWithTheTruth() throws IOException {
        String runId = wes.submitted(
                HUB_A_TOKEN, imputation("sim38", "hg38"), Map.of("target.vcf.gz", Files.readAllBytes(PANEL.target())));

        JsonNode run = wes.awaitState(HUB_A_TOKEN, runId, "COMPLETE");

        assertThat(json(wes.get("/runs/" + runId + "/tasks", HUB_A_TOKEN))
                        .path("task_logs")
                        .valueStream())
                .extracting(
                        task -> task.path("name").asString(),
                        task -> task.path("exit_code").asInt())
                .containsExactly(tuple("check input", 0), tuple("impute chr20", 0), tuple("write outputs", 0));
        Path outputs = Files.createTempDirectory(DATA, "outputs");
        Path imputed = download(run, "imputed_vcf", outputs.resolve("chr20.dose.vcf.gz"));
        Path info = download(run, "info", outputs.resolve("chr20.info.gz"));
        download(run, "imputed_vcf_index", outputs.resolve("chr20.dose.vcf.gz.tbi"));

        Map<Integer, VariantContext> truth = positions(PANEL.truth());
        Set<Integer> typed = positions(PANEL.target()).keySet();
        int compared = 0;
        int agreeing = 0;
        Set<Integer> imputedPositions = new HashSet<>();
        try (VCFFileReader reader = new VCFFileReader(imputed, true)) {
            for (VariantContext variant : reader) {
                imputedPositions.add(variant.getStart());
                for (Genotype genotype : variant.getGenotypes()) {
                    assertThat(Double.parseDouble(
                                    genotype.getExtendedAttribute("DS").toString()))
                            .isBetween(0.0, 2.0);
                    if (!typed.contains(variant.getStart())) {
                        compared++;
                        agreeing += alternates(genotype)
                                        == alternates(
                                                truth.get(variant.getStart()).getGenotype(genotype.getSampleName()))
                                ? 1
                                : 0;
                    }
                }
            }
        }
        assertThat(imputedPositions).isEqualTo(truth.keySet());
        assertThat((double) agreeing / compared).isGreaterThan(MIN_CONCORDANCE);
        try (GZIPInputStream lines = new GZIPInputStream(Files.newInputStream(info))) {
            List<String> rows = new String(lines.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
            assertThat(rows.getFirst()).startsWith("SNP\tREF\tALT\tALT_Frq\tMAF\tRsq\tGenotyped");
            assertThat(rows).hasSize(truth.size() + 1);
        }
    }

    @Test
    void aFileThatIsNotAVcfEndsAsExecutorErrorSayingSo() {
        String runId = wes.submitted(
                HUB_A_TOKEN,
                imputation("sim38", "hg38"),
                Map.of("target.vcf.gz", "name,genotype\nrs1,AA\n".getBytes(StandardCharsets.UTF_8)));

        JsonNode run = wes.awaitState(HUB_A_TOKEN, runId, "EXECUTOR_ERROR");

        assertThat(stderrOf(run)).containsIgnoringCase("not a VCF");
    }

    @Test
    void positionsOfAnotherBuildEndAsExecutorErrorSayingTheBuildIsProbablyWrong() throws IOException {
        Path hg19 = simulate(
                        GenotypeSimulation.builder()
                                .seed(19)
                                .chromosome("chr20")
                                .genomeBuild("GRCh38")
                                .firstPosition(1_234_567),
                        "other-positions")
                .target();
        String runId = wes.submitted(
                HUB_A_TOKEN, imputation("sim38", "hg38"), Map.of("target.vcf.gz", Files.readAllBytes(hg19)));

        JsonNode run = wes.awaitState(HUB_A_TOKEN, runId, "EXECUTOR_ERROR");

        assertThat(stderrOf(run)).contains("is the file on hg19 while the panel is hg38?");
    }

    @Test
    void anUnknownPanelOrABuildThePanelIsNotOnIsRefusedWith400() throws IOException {
        byte[] target = Files.readAllBytes(PANEL.target());

        assertWesError(
                wes.submit(HUB_A_TOKEN, imputation("hrc-r1.1", "hg38"), Map.of("target.vcf.gz", target)),
                400,
                "no reference panel 'hrc-r1.1'");
        assertWesError(
                wes.submit(HUB_A_TOKEN, imputation("sim38", "hg19"), Map.of("target.vcf.gz", target)),
                400,
                "Panel sim38 is on hg38 but your data is on hg19");
    }

    @Test
    void cancellingARunningImputationStopsBeagleAndEndsCanceled() throws IOException {
        String runId = wes.submitted(
                HUB_A_TOKEN,
                imputation("slow38", "hg38"),
                Map.of("target.vcf.gz", Files.readAllBytes(SLOW_PANEL.target())));
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> beagleProcesses(runId) > 0);

        assertThat(wes.post("/runs/" + runId + "/cancel", HUB_A_TOKEN).statusCode())
                .isEqualTo(200);

        wes.awaitState(HUB_A_TOKEN, runId, "CANCELED");
        await().atMost(Duration.ofSeconds(10)).until(() -> beagleProcesses(runId) == 0);
    }

    /** Beagle processes (the Debian script and its JVM) working in this run's directory. */
    private static long beagleProcesses(String runId) {
        return ProcessHandle.allProcesses()
                .filter(process -> process.info()
                        .arguments()
                        .map(arguments -> String.join(" ", arguments))
                        .filter(arguments -> arguments.contains("gt=") && arguments.contains(runId))
                        .isPresent())
                .count();
    }

    /** Downloads the run's (only) file of this output to {@code file}, which names it as the node does. */
    private Path download(JsonNode run, String output, Path file) throws IOException {
        JsonNode urls = run.path("outputs").path(output);
        assertThat(urls.size()).isEqualTo(1);
        String url = urls.get(0).asString();
        assertThat(url).endsWith("/" + file.getFileName());
        var response = wes.download(url, HUB_A_TOKEN, null);
        assertThat(response.statusCode()).isEqualTo(200);
        return Files.write(file, response.body());
    }

    private String stderrOf(JsonNode run) {
        var response = wes.download(run.path("run_log").path("stderr").asString(), HUB_A_TOKEN, null);
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static Map<String, String> imputation(String panel, String build) {
        Map<String, String> fields = WesCalls.imputation(panel);
        fields.put(
                "workflow_params",
                "{\"refpanel\":\"" + panel + "\",\"build\":\"" + build + "\",\"population\":\"mixed\","
                        + "\"phasing\":\"eagle\",\"r2Filter\":\"0\",\"mode\":\"imputation\"}");
        return fields;
    }

    private static Map<Integer, VariantContext> positions(Path vcf) {
        Map<Integer, VariantContext> byPosition = new HashMap<>();
        try (VCFFileReader reader = new VCFFileReader(vcf, false)) {
            reader.forEach(variant -> byPosition.put(variant.getStart(), variant));
        }
        return byPosition;
    }

    private static long alternates(Genotype genotype) {
        return genotype.getAlleles().stream()
                .filter(allele -> allele.isNonReference())
                .count();
    }

    private static void panel(DynamicPropertyRegistry registry, int index, String id, SimulatedDataset data) {
        String prefix = "fedimpute.node.panels[" + index + "].";
        registry.add(prefix + "id", () -> id);
        registry.add(prefix + "build", () -> "hg38");
        registry.add(prefix + "populations[0]", () -> "SIM");
        registry.add(prefix + "chromosomes[0].chromosome", () -> "chr20");
        registry.add(prefix + "chromosomes[0].reference", () -> data.reference().toString());
        registry.add(
                prefix + "chromosomes[0].genetic-map", () -> data.geneticMap().toString());
    }

    private static SimulatedDataset simulate(GenotypeSimulation.Builder simulation, String name) {
        try {
            return simulation.build().writeTo(DATA.resolve(name));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("fedimpute-node-beagle-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
