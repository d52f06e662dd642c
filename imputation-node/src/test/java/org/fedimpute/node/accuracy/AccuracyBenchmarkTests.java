package org.fedimpute.node.accuracy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.fedimpute.node.wes.WesCalls;
import org.fedimpute.test.infra.UseEmbeddedInfra;
import org.fedimpute.test.security.TestJwtIssuer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The accuracy benchmark on real data: a share of the HapMap chr20 target's markers that the HapMap CEU panel has is
 * hidden, the rest is imputed through the node's WES API and by Beagle run alone on the same files, and both are
 * scored against the hidden genotypes by minor-allele-frequency bin. The node must give Beagle's own numbers; its
 * wall time (submit to COMPLETE) is printed beside Beagle's. Runs on demand ({@code -Dgroups=benchmark
 * -DexcludedGroups=}), where {@code ../shared/data/imputation}, {@code beagle} and {@code bcftools} are present.
 */
@Tag("benchmark")
@EnabledIf("dataAndToolsPresent")
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {WesCalls.HUB_A_NAME, WesCalls.HUB_A_HASH, WesCalls.FAST_QUEUE})
@UseEmbeddedInfra
class AccuracyBenchmarkTests {

    private static final Path DATA =
            Path.of("..", "..", "shared", "data", "imputation").toAbsolutePath().normalize();
    private static final Path TARGET = DATA.resolve("input/chr20.phased.hg19.vcf.gz");
    private static final Path PANEL_BCF = DATA.resolve("refpanel/hg19/hapmap_r22.chr20.CEU.hg19.bcf");
    private static final Path PANEL_BREF3 = DATA.resolve("refpanel/hg19/hapmap_r22.chr20.CEU.hg19.bref3");
    private static final Path MAP = DATA.resolve("refpanel/hg19/plink.chr20.GRCh37.map");
    /** Every fifth target marker the panel has is hidden: 20 %, a usual share in imputation benchmarks. */
    private static final int MASK_EVERY = 5;

    private static final int THREADS = 2;
    private static final int ROUNDS = 5;
    private static Prepared prepared;

    @LocalServerPort
    int port;

    static boolean dataAndToolsPresent() {
        return Files.isRegularFile(TARGET)
                && Files.isRegularFile(PANEL_BREF3)
                && onPath("beagle")
                && onPath("bcftools");
    }

    @DynamicPropertySource
    static void node(DynamicPropertyRegistry registry) {
        Prepared files = prepared();
        registry.add(
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                () -> TestJwtIssuer.get().jwksUri());
        registry.add("fedimpute.node.threads", () -> THREADS);
        registry.add(
                "fedimpute.node.runs.work-root",
                () -> files.directory.resolve("runs").toString());
        registry.add("fedimpute.node.panels[0].id", () -> "hapmap2-chr20");
        registry.add("fedimpute.node.panels[0].display-name", () -> "HapMap 2 CEU (chr20)");
        registry.add("fedimpute.node.panels[0].build", () -> "hg19");
        registry.add("fedimpute.node.panels[0].populations[0]", () -> "eur");
        registry.add("fedimpute.node.panels[0].chromosomes[0].chromosome", () -> "20");
        registry.add("fedimpute.node.panels[0].chromosomes[0].reference", PANEL_BREF3::toString);
        registry.add("fedimpute.node.panels[0].chromosomes[0].sites", () -> files.sites.toString());
        registry.add("fedimpute.node.panels[0].chromosomes[0].genetic-map", MAP::toString);
    }

    @Test
    void theNodeImputesAsBeagleAloneDoesInComparableTime() throws Exception {
        List<Long> aloneMillis = new ArrayList<>();
        List<Long> nodeMillis = new ArrayList<>();
        Path alone = null;
        Path node = null;
        beagleAlone("warm-up");
        // Alternating which goes first keeps a trend in the machine's load from favouring either.
        for (int round = 0; round < ROUNDS; round++) {
            for (boolean nodeTurn : round % 2 == 0 ? new boolean[] {false, true} : new boolean[] {true, false}) {
                long started = System.nanoTime();
                if (nodeTurn) {
                    node = throughTheNode(round);
                    nodeMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                } else {
                    alone = beagleAlone("alone-" + round);
                    aloneMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                }
            }
        }

        ImputationScore aloneScore = ImputationScore.of(alone, TARGET, prepared.masked);
        ImputationScore nodeScore = ImputationScore.of(node, TARGET, prepared.masked);
        long aloneMedian = median(aloneMillis);
        long nodeMedian = median(nodeMillis);
        System.out.printf(
                Locale.ROOT,
                "%nImputation accuracy, HapMap chr20: %d of the target's markers in the panel hidden (every %d)%n",
                prepared.masked.size(),
                MASK_EVERY);
        System.out.println("Beagle alone:");
        aloneScore.table().forEach(line -> System.out.println("  " + line));
        System.out.println("Through the node (WES API):");
        nodeScore.table().forEach(line -> System.out.println("  " + line));
        System.out.printf(
                Locale.ROOT,
                "Wall time, median of %d: Beagle alone %d ms %s, node %d ms %s, ratio %.2f (target <= 1.2)%n",
                ROUNDS,
                aloneMedian,
                aloneMillis,
                nodeMedian,
                nodeMillis,
                (double) nodeMedian / aloneMedian);

        assertThat(nodeScore.variants()).isEqualTo(aloneScore.variants()).isPositive();
        assertThat(nodeScore.table()).isEqualTo(aloneScore.table());
    }

    /** Beagle as a researcher would run it by hand on the masked target; answers the imputed VCF. */
    private static Path beagleAlone(String name) throws IOException, InterruptedException {
        Path out = prepared.directory.resolve(name);
        run(List.of(
                "beagle",
                "gt=" + prepared.maskedTarget,
                "ref=" + PANEL_BREF3,
                "map=" + MAP,
                "out=" + out,
                "chrom=20",
                "nthreads=" + THREADS));
        return out.resolveSibling(name + ".vcf.gz");
    }

    /** The same imputation submitted to the node over HTTP, waited for, and its imputed VCF downloaded. */
    private Path throughTheNode(int round) throws IOException, InterruptedException {
        WesCalls wes = new WesCalls(port);
        Map<String, String> fields = WesCalls.imputation("hapmap2-chr20");
        fields.put("workflow_params", "{\"refpanel\":\"hapmap2-chr20\",\"build\":\"hg19\"}");
        String runId = wes.submitted(
                WesCalls.HUB_A_TOKEN,
                fields,
                Map.of(prepared.maskedTarget.getFileName().toString(), Files.readAllBytes(prepared.maskedTarget)));
        String state;
        do {
            // A hub polls every few seconds; a quarter second keeps the measure fine without loading the node.
            Thread.sleep(250);
            state = WesCalls.json(wes.get("/runs/" + runId + "/status", WesCalls.HUB_A_TOKEN))
                    .path("state")
                    .asString();
        } while (List.of("QUEUED", "INITIALIZING", "RUNNING").contains(state));
        JsonNode run = WesCalls.json(wes.get("/runs/" + runId, WesCalls.HUB_A_TOKEN));
        assertThat(state).as("run %s", run).isEqualTo("COMPLETE");
        HttpResponse<byte[]> imputed =
                wes.download(run.path("outputs").path("imputed_vcf").get(0).asString(), WesCalls.HUB_A_TOKEN, null);
        assertThat(imputed.statusCode()).isEqualTo(200);
        return Files.write(prepared.directory.resolve("node-" + round + ".vcf.gz"), imputed.body());
    }

    /** The panel's sites for the node's input check, and the target with every fifth shared marker hidden. */
    private static synchronized Prepared prepared() {
        if (prepared == null) {
            try {
                Path directory = Files.createTempDirectory("fedimpute-accuracy-");
                Path sites = directory.resolve("panel.sites.vcf.gz");
                // htsjdk reads neither bcftools' BCF nor this panel's INFO header: the sites go as a plain vcf.gz.
                run(List.of(
                        "sh",
                        "-c",
                        "bcftools annotate -x INFO -Ou \"$1\" | bcftools view -G -Oz -o \"$2\"",
                        "sites",
                        PANEL_BCF.toString(),
                        sites.toString()));
                run(List.of("bcftools", "index", "-t", sites.toString()));
                Set<String> panelSites = new HashSet<>(
                        lines(List.of("bcftools", "query", "-f", "%CHROM:%POS:%REF:%ALT\\n", PANEL_BCF.toString())));
                List<String> shared =
                        lines(List.of("bcftools", "query", "-f", "%CHROM:%POS:%REF:%ALT\\n", TARGET.toString()))
                                .stream()
                                .filter(panelSites::contains)
                                .toList();
                Set<String> masked = new HashSet<>();
                List<String> regions = new ArrayList<>();
                for (int i = 0; i < shared.size(); i += MASK_EVERY) {
                    String[] marker = shared.get(i).split(":");
                    masked.add(marker[0] + ":" + marker[1]);
                    regions.add(marker[0] + "\t" + marker[1]);
                }
                Path hidden = directory.resolve("hidden.tsv");
                Files.write(hidden, regions);
                Path maskedTarget = directory.resolve("target.masked.vcf.gz");
                run(List.of(
                        "bcftools",
                        "view",
                        "-T",
                        "^" + hidden,
                        "-Oz",
                        "-o",
                        maskedTarget.toString(),
                        TARGET.toString()));
                prepared = new Prepared(directory, sites, maskedTarget, Set.copyOf(masked));
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("could not prepare the benchmark's files", e);
            }
        }
        return prepared;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }

    private static List<String> lines(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        List<String> lines = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .lines()
                .toList();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
        return lines;
    }

    private static boolean onPath(String command) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, command)));
    }

    private static long median(List<Long> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    /** The files the benchmark made: where, the panel's sites, the masked target and the hidden markers. */
    private record Prepared(Path directory, Path sites, Path maskedTarget, Set<String> masked) {}
}
