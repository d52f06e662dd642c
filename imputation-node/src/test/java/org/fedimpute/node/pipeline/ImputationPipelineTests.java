package org.fedimpute.node.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import htsjdk.variant.variantcontext.Genotype;
import htsjdk.variant.variantcontext.VariantContext;
import htsjdk.variant.vcf.VCFFileReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.fedimpute.node.engine.BeagleEngine;
import org.fedimpute.node.engine.ImputationEngine;
import org.fedimpute.node.panels.PanelProperties;
import org.fedimpute.node.panels.ReferencePanels;
import org.fedimpute.test.genotypes.GenotypeSimulation;
import org.fedimpute.test.genotypes.SimulatedDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The node's imputation run for real with Beagle on a simulated GRCh38 chr20 panel, good input and bad. */
class ImputationPipelineTests {

    /**
     * Measured on this simulation (seed 1, 3,000 sites, 100 reference and 20 target samples, 20% on the array):
     * Beagle 5.4 calls 93.6% of the 48,000 imputed genotypes right, the same with 1 or 2 threads. The bar sits under
     * that so another Beagle build does not fail the test, and 20 points above guessing each marker's most common
     * true genotype (70.1%), which is the best any imputation ignoring the panel's haplotypes could do.
     */
    private static final double MIN_CONCORDANCE = 0.90;

    @TempDir
    static Path data;

    static SimulatedDataset panel;
    static ImputationEngine beagle;
    static ReferencePanels panels;

    @TempDir
    Path workDir;

    @BeforeAll
    static void simulatePanel() throws IOException {
        beagle = new BeagleEngine(null, null, System.getenv());
        panel = simulation().build().writeTo(data.resolve("panel"));
        panels = panelOf(chromosome("chr20", panel.reference(), panel.geneticMap()));
    }

    private static ReferencePanels panelOf(PanelProperties.Chromosome... chromosomes) {
        return new ReferencePanels(new PanelProperties(List.of(
                new PanelProperties.Panel("sim38", "Simulated", "hg38", List.of("SIM"), List.of(chromosomes)))));
    }

    private static PanelProperties.Chromosome chromosome(String name, Path reference, Path geneticMap) {
        return new PanelProperties.Chromosome(name, reference, null, geneticMap);
    }

    private static GenotypeSimulation.Builder simulation() {
        return GenotypeSimulation.builder().chromosome("chr20").genomeBuild("GRCh38");
    }

    private static ImputationPipeline pipeline(ImputationEngine engine) {
        return new ImputationPipeline(List.of(engine), panels, new PipelineProperties(2, 0.5, 10));
    }

    private static ImputationRequest request(double r2Filter, Path... inputs) {
        return new ImputationRequest("beagle", "sim38", "hg38", null, r2Filter, List.of(inputs));
    }

    private Path copyTarget(Path target) throws IOException {
        return Files.copy(target, workDir.resolve("target.vcf.gz"));
    }

    @Test
    void imputesEveryPanelMarkerWithDosagesThatAgreeWithTheTruth() throws IOException {
        assumeBeagle();
        RecordingStepLog steps = new RecordingStepLog(workDir.resolve("steps"));

        PipelineOutcome outcome =
                pipeline(beagle).run(request(0, copyTarget(panel.target())), workDir, steps, new RunControl());

        assertThat(outcome).isInstanceOf(PipelineOutcome.Completed.class);
        Map<String, List<Path>> outputs = ((PipelineOutcome.Completed) outcome).outputs();
        assertThat(outputs).containsOnlyKeys("imputed_vcf", "imputed_vcf_index", "info");
        Path vcf = outputs.get("imputed_vcf").getFirst();
        assertThat(vcf.getFileName()).hasToString("chr20.dose.vcf.gz");
        assertThat(outputs.get("imputed_vcf_index").getFirst()).exists();
        assertThat(steps.steps)
                .extracting(step -> step.name + "=" + step.exitCode)
                .containsExactly("check input=0", "impute chr20=0", "write outputs=0");
        assertThat(steps.step("check input").output()).contains("600 markers, 600 in the panel");
        assertThat(steps.step("impute chr20").command).contains("chrom=chr20", "nthreads=2");

        Map<Integer, int[]> truth = altCounts(panel.truth());
        int imputedCalls = 0;
        int agreeing = 0;
        int markers = 0;
        try (VCFFileReader reader = new VCFFileReader(vcf, true)) {
            assertThat(reader.query("chr20", 1, Integer.MAX_VALUE).stream().count())
                    .as("the tabix index finds every marker")
                    .isEqualTo(truth.size());
            for (VariantContext variant : reader) {
                markers++;
                int[] expected = truth.get(variant.getStart());
                assertThat(expected)
                        .as("a panel marker at %d", variant.getStart())
                        .isNotNull();
                for (int sample = 0; sample < variant.getNSamples(); sample++) {
                    Genotype genotype = variant.getGenotype(sample);
                    double dosage = Double.parseDouble(
                            genotype.getExtendedAttribute("DS").toString());
                    assertThat(dosage).isBetween(0.0, 2.0);
                    if (variant.hasAttribute("IMP")) {
                        imputedCalls++;
                        agreeing += genotype.countAllele(variant.getAlternateAllele(0)) == expected[sample] ? 1 : 0;
                    }
                }
            }
        }
        assertThat(markers).as("every panel marker").isEqualTo(truth.size());
        double concordance = agreeing / (double) imputedCalls;
        assertThat(concordance).isGreaterThan(MIN_CONCORDANCE);

        List<String> info = lines(outputs.get("info").getFirst());
        assertThat(info.getFirst()).isEqualTo("SNP\tREF\tALT\tALT_Frq\tMAF\tRsq\tGenotyped");
        assertThat(info).hasSize(truth.size() + 1);
        assertThat(info.stream().skip(1).filter(line -> line.endsWith("\tGenotyped")))
                .hasSize(600);
        assertThat(info.get(1)).matches("chr20:\\d+:[ACGT]:[ACGT]\t[ACGT]\t[ACGT]\t[0-9.]+\t[0-9.]+\t[0-9.]+\t\\w+");
    }

    @Test
    void imputesChromosomesInParallelSharingTheThreadsAndSkipsThoseNotInThePanel() throws IOException {
        assumeBeagle();
        SimulatedDataset chr21 = simulation()
                .chromosome("chr21")
                .seed(2)
                .variantSites(1_000)
                .build()
                .writeTo(workDir.resolve("chr21"));
        SimulatedDataset chr22 = simulation()
                .chromosome("chr22")
                .seed(3)
                .variantSites(200)
                .build()
                .writeTo(workDir.resolve("chr22"));
        ImputationPipeline pipeline = new ImputationPipeline(
                List.of(beagle),
                panelOf(
                        chromosome("chr20", panel.reference(), panel.geneticMap()),
                        chromosome("chr21", chr21.reference(), chr21.geneticMap())),
                new PipelineProperties(2, 0.5, 10));
        RecordingStepLog steps = new RecordingStepLog(workDir.resolve("steps"));

        PipelineOutcome outcome = pipeline.run(
                request(0, chr22.target(), chr21.target(), copyTarget(panel.target())),
                workDir,
                steps,
                new RunControl());

        assertThat(((PipelineOutcome.Completed) outcome).outputs().get("imputed_vcf"))
                .extracting(path -> path.getFileName().toString())
                .containsExactly("chr20.dose.vcf.gz", "chr21.dose.vcf.gz");
        assertThat(steps.step("check input").output()).contains("Skipped, not in panel sim38: chr22 (40 markers)");
        assertThat(steps.step("impute chr20").command).contains("nthreads=1");
        assertThat(steps.step("impute chr21").command).contains("nthreads=1");
        assertThat(steps.events.indexOf("begin impute chr21"))
                .as("both chromosomes run at once")
                .isLessThan(steps.events.indexOf("end impute chr20"));
        assertThat(steps.events.indexOf("begin impute chr20")).isLessThan(steps.events.indexOf("end impute chr21"));
    }

    @Test
    void anEngineFailureEndsTheRunWithTheEnginesOwnErrorLine() throws IOException {
        assumeBeagle();
        Path map = Files.writeString(
                workDir.resolve("20.map"), Files.readString(panel.geneticMap()).replace("chr20\t", "20\t"));
        ImputationPipeline pipeline = new ImputationPipeline(
                List.of(beagle),
                panelOf(chromosome("chr20", panel.reference(), map)),
                new PipelineProperties(2, 0.5, 10));
        RecordingStepLog steps = new RecordingStepLog(workDir.resolve("steps"));

        PipelineOutcome outcome =
                pipeline.run(request(0, copyTarget(panel.target())), workDir, steps, new RunControl());

        assertThat(outcome).isEqualTo(new PipelineOutcome.Failed("Beagle: missing genetic map for chromosome chr20"));
        assertThat(steps.step("impute chr20").exitCode).isNotZero();
        assertThat(steps.steps).extracting(step -> step.name).doesNotContain("write outputs");
    }

    @Test
    void r2FilterDropsPoorlyImputedMarkersAndKeepsGenotypedOnes() throws IOException {
        assumeBeagle();
        double filter = 0.8;

        PipelineOutcome outcome = pipeline(beagle)
                .run(
                        request(filter, copyTarget(panel.target())),
                        workDir,
                        new RecordingStepLog(workDir.resolve("steps")),
                        new RunControl());

        Map<String, List<Path>> outputs = ((PipelineOutcome.Completed) outcome).outputs();
        int genotyped = 0;
        int kept = 0;
        try (VCFFileReader reader = new VCFFileReader(outputs.get("imputed_vcf").getFirst(), true)) {
            for (VariantContext variant : reader) {
                kept++;
                if (variant.hasAttribute("IMP")) {
                    assertThat(variant.getAttributeAsDouble("DR2", 0)).isGreaterThanOrEqualTo(filter);
                } else {
                    genotyped++;
                }
            }
            assertThat(reader.query("chr20", 1, Integer.MAX_VALUE).stream().count())
                    .isEqualTo(kept);
        }
        assertThat(genotyped).isEqualTo(600);
        assertThat(kept)
                .as("some imputed markers fall below R2 0.8")
                .isLessThan(3_000)
                .isGreaterThan(600);
        assertThat(lines(outputs.get("info").getFirst())).hasSize(kept + 1);
    }

    @Test
    void aFileThatIsNotAVcfFailsSayingSo() throws IOException {
        assumeBeagle();
        Path input = Files.writeString(workDir.resolve("genotypes.vcf"), "sample\trs123\tAA\n");

        PipelineOutcome outcome = runExpectingNoEngine(input);

        assertThat(outcome).isInstanceOf(PipelineOutcome.Failed.class);
        assertThat(((PipelineOutcome.Failed) outcome).reason()).contains("'genotypes.vcf' is not a VCF file");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusableVcfs")
    void aVcfThatCannotBeImputedFailsSayingWhy(String name, String content, String reason) throws IOException {
        assumeBeagle();
        Path input = Files.writeString(workDir.resolve(name), content);

        PipelineOutcome outcome = runExpectingNoEngine(input);

        assertThat(((PipelineOutcome.Failed) outcome).reason()).contains(reason);
    }

    static Stream<Arguments> unusableVcfs() {
        String header = "##fileformat=VCFv4.2\n##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n"
                + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO";
        return Stream.of(
                Arguments.of(
                        "sites.vcf", header + "\nchr20\t62390\t.\tT\tC\t.\tPASS\t.\n", "'sites.vcf' has no samples"),
                Arguments.of("empty.vcf", header + "\tFORMAT\tS1\n", "'empty.vcf' has no variants"),
                Arguments.of(
                        "unsorted.vcf",
                        header + "\tFORMAT\tS1\nchr20\t67270\t.\tA\tT\t.\tPASS\t.\tGT\t0|1\n"
                                + "chr20\t62390\t.\tT\tC\t.\tPASS\t.\tGT\t0|1\n",
                        "'unsorted.vcf' is not sorted by position (chr20:62390 comes after chr20:67270)"
                                + ". Sort it with 'bcftools sort"),
                Arguments.of(
                        "genotypes.bcf",
                        "BCF\u0002\u0002",
                        "'genotypes.bcf' is a BCF file, which the node does not read: convert it with 'bcftools view"
                                + " -Oz -o genotypes.vcf.gz genotypes.bcf'"));
    }

    @Test
    void chromosomesNamedAnotherWayFailNamingTheRenameFix() throws IOException {
        assumeBeagle();
        Path target = simulation()
                .chromosome("20")
                .build()
                .writeTo(workDir.resolve("hg38-20"))
                .target();

        PipelineOutcome outcome = runExpectingNoEngine(target);

        assertThat(((PipelineOutcome.Failed) outcome).reason())
                .contains("Your file names chromosome '20' but panel sim38 names it 'chr20'")
                .contains("bcftools annotate --rename-chrs");
    }

    @Test
    void positionsOfAnotherBuildFailSayingTheBuildIsProbablyWrong() throws IOException {
        assumeBeagle();
        Path target = simulation()
                .firstPosition(60_000 + 12_345)
                .build()
                .writeTo(workDir.resolve("shifted"))
                .target();
        RecordingStepLog steps = new RecordingStepLog(workDir.resolve("steps"));

        PipelineOutcome outcome = pipeline(beagle).run(request(0, target), workDir, steps, new RunControl());

        assertThat(((PipelineOutcome.Failed) outcome).reason())
                .containsPattern("Too few of your markers are in panel sim38 \\(chr20 [0-4]\\.\\d%")
                .contains("is the file on hg19 while the panel is hg38?");
        assertThat(steps.steps).extracting(step -> step.name).containsExactly("check input");
        assertThat(steps.step("check input").exitCode).isEqualTo(1);
    }

    @Test
    void unknownPanelIsRefusedListingTheOffered() {
        assumeBeagle();
        ImputationRequest request = new ImputationRequest("beagle", "hrc", "hg38", null, 0, List.of());

        assertThat(pipeline(beagle).refusal(request))
                .hasValue("This node has no reference panel 'hrc'; it offers: sim38 (hg38).");
    }

    @ParameterizedTest
    @CsvSource({"SIM, true", "sim, true", "mixed, true", "ALL, true", "off, true", "afr, false"})
    void aPopulationIsOneOfThePanelsOrAWordForTheWholePanel(String population, boolean taken) {
        assumeBeagle();
        ImputationRequest request = new ImputationRequest("beagle", "sim38", "hg38", population, 0, List.of());

        assertThat(pipeline(beagle).refusal(request).isEmpty()).isEqualTo(taken);
    }

    @Test
    void aNodeWithoutBeagleRefusesSayingWhatToInstall() {
        ImputationPipeline pipeline = pipeline(new BeagleEngine(null, null, Map.of("PATH", "/nonexistent")));

        assertThat(pipeline.engines()).isEmpty();
        assertThat(pipeline.unavailableReason())
                .hasValueSatisfying(reason ->
                        assertThat(reason).contains("Beagle is not installed").contains("apt-get install beagle"));
        assertThat(pipeline.refusal(request(0))).isEqualTo(pipeline.unavailableReason());
        assertThat(pipeline.run(request(0), workDir, new RecordingStepLog(workDir), new RunControl()))
                .isEqualTo(
                        new PipelineOutcome.Failed(pipeline.unavailableReason().orElseThrow()));
    }

    @Test
    void cancelKillsTheBeagleJvmAndEndsCancelled() throws Exception {
        assumeBeagle();
        SimulatedDataset big = simulation()
                .variantSites(20_000)
                .referenceSamples(300)
                .targetSamples(200)
                .build()
                .writeTo(workDir.resolve("big"));
        ImputationPipeline pipeline = new ImputationPipeline(
                List.of(beagle),
                panelOf(chromosome("chr20", big.reference(), big.geneticMap())),
                new PipelineProperties(1, 0.5, 10));
        RunControl control = new RunControl();
        RecordingStepLog steps = new RecordingStepLog(workDir.resolve("steps"));

        CompletableFuture<PipelineOutcome> outcome =
                CompletableFuture.supplyAsync(() -> pipeline.run(request(0, big.target()), workDir, steps, control));
        // The input check comes first and its time depends on the machine; Beagle follows it at once.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (beagleProcesses().isEmpty() && !outcome.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(beagleProcesses())
                .as(() -> "Beagle started; the run's steps: " + steps.events + ", its outcome: "
                        + outcome.handle((ended, failure) -> ended != null ? ended : failure)
                                .getNow(null))
                .isNotEmpty();
        assertThat(beagleProcesses())
                .as("Beagle runs at the engines' priority")
                .allSatisfy(process -> assertThat(niceness(process)).isEqualTo(10));
        control.cancel();

        assertThat(outcome.get(30, TimeUnit.SECONDS)).isEqualTo(new PipelineOutcome.Cancelled());
        assertThat(beagleProcesses()).as("no Beagle process left").isEmpty();
    }

    private PipelineOutcome runExpectingNoEngine(Path input) {
        RecordingStepLog steps = new RecordingStepLog(workDir.resolve("steps"));
        PipelineOutcome outcome = pipeline(beagle).run(request(0, input), workDir, steps, new RunControl());
        assertThat(steps.steps).extracting(step -> step.name).containsExactly("check input");
        return outcome;
    }

    /** The process's nice value, field 19 of {@code /proc/<pid>/stat} (after the command, which is in brackets). */
    private static int niceness(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<ProcessHandle> beagleProcesses() {
        return ProcessHandle.current()
                .descendants()
                .filter(ProcessHandle::isAlive)
                .filter(process -> commandOf(process).contains("beagle"))
                .toList();
    }

    /** The process's command line, command and arguments: the JDK does not promise any one of them. */
    private static String commandOf(ProcessHandle process) {
        ProcessHandle.Info info = process.info();
        return info.commandLine().orElse("") + " " + info.command().orElse("") + " "
                + String.join(" ", info.arguments().orElse(new String[0]));
    }

    private static void assumeBeagle() {
        assumeTrue(
                beagle.installation() instanceof ImputationEngine.Installation.Installed,
                "Beagle is not installed here");
    }

    /** Alternate allele counts per sample by position. */
    private static Map<Integer, int[]> altCounts(Path vcf) {
        Map<Integer, int[]> counts = new HashMap<>();
        try (VCFFileReader reader = new VCFFileReader(vcf, false)) {
            for (VariantContext variant : reader) {
                int[] perSample = new int[variant.getNSamples()];
                for (int sample = 0; sample < perSample.length; sample++) {
                    perSample[sample] = variant.getGenotype(sample).countAllele(variant.getAlternateAllele(0));
                }
                counts.put(variant.getStart(), perSample);
            }
        }
        return counts;
    }

    private static List<String> lines(Path gzip) throws IOException {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(Files.newInputStream(gzip)), StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        }
    }
}
