package org.fedimpute.node.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.fedimpute.node.engine.ImputationEngine.ChromosomeImputation;
import org.fedimpute.node.engine.ImputationEngine.Installation;
import org.junit.jupiter.api.Test;

/** How the node finds Beagle, reads its version, builds its command and reads its failures. */
class BeagleEngineTests {

    private static final Path DEBIAN_JAR = Path.of("/usr/share/beagle/beagle.jar");

    @Test
    void findsTheBeagleCommandOnThePathAndReadsItsVersionFromTheBanner() {
        BeagleEngine engine = new BeagleEngine(null, null, System.getenv());
        assumeTrue(engine.installation() instanceof Installation.Installed, "Beagle is not installed here");

        assertThat(engine.installation()).isEqualTo(new Installation.Installed("5.4 (22Jul22.46e)"));
        assertThat(engine.command(imputation()).getFirst()).endsWith("/beagle");
    }

    @Test
    void runsAJarFromBeagleJarWithTheNodesJavaAndTheConfiguredHeap() {
        assumeTrue(Files.isRegularFile(DEBIAN_JAR), "Debian's Beagle jar is not installed here");
        BeagleEngine engine = new BeagleEngine(null, "512m", Map.of("BEAGLE_JAR", DEBIAN_JAR.toString()));

        assertThat(engine.installation()).isEqualTo(new Installation.Installed("5.4 (22Jul22.46e)"));
        assertThat(engine.command(imputation()))
                .startsWith(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx512m",
                        "-jar",
                        DEBIAN_JAR.toString())
                .endsWith(
                        "gt=/run/target.vcf.gz",
                        "ref=/panel/chr20.bref3",
                        "map=/panel/chr20.map",
                        "out=/run/impute/chr20",
                        "chrom=chr20",
                        "nthreads=3");
        assertThat(engine.imputedVcf(Path.of("/run/impute/chr20"))).isEqualTo(Path.of("/run/impute/chr20.vcf.gz"));
    }

    @Test
    void saysPlainlyWhatToInstallWhenThereIsNoBeagle() {
        BeagleEngine engine = new BeagleEngine(null, null, Map.of("PATH", "/nonexistent"));

        assertThat(engine.installation())
                .isEqualTo(new Installation.NotInstalled("Beagle is not installed: there is no 'beagle' command on the"
                        + " PATH and no Beagle jar configured; install the Debian package 'beagle' (apt-get install"
                        + " beagle), or set BEAGLE_JAR (or fedimpute.node.engine.beagle-jar) to a Beagle 5.4 jar."));
    }

    @Test
    void aConfiguredJarThatDoesNotExistIsNamed() {
        BeagleEngine engine = new BeagleEngine(Path.of("/opt/beagle/missing.jar"), null, System.getenv());

        assertThat(engine.installation())
                .isInstanceOfSatisfying(
                        Installation.NotInstalled.class,
                        missing -> assertThat(missing.reason())
                                .contains(
                                        "the Beagle jar /opt/beagle/missing.jar (from fedimpute.node.engine.beagle-jar) does not exist"));
    }

    @Test
    void readsBeaglesOwnErrorLines() {
        BeagleEngine engine = new BeagleEngine(null, null, Map.of());

        assertThat(engine.failure(
                        List.of("", "", "Error     :  File does not exist", "Filename  :  ref.vcf.gz", ""), 1))
                .isEqualTo("Beagle: File does not exist: ref.vcf.gz");
        assertThat(engine.failure(
                        List.of(
                                "Exception in thread \"main\" java.lang.IllegalArgumentException: VCF record format"
                                        + " error: not a vcf",
                                "\tat vcf.VcfRecGTParser.ninthTabPos(VcfRecGTParser.java:87)"),
                        1))
                .isEqualTo("Beagle: VCF record format error: not a vcf");
        assertThat(engine.failure(
                        List.of("Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space"), 1))
                .startsWith("Beagle: Java heap space (out of memory");
        assertThat(engine.failure(List.of(), 137)).isEqualTo("Beagle stopped with exit code 137 and no message.");
    }

    @Test
    void readsBref3AndVcfPanelsButNamesTheConversionForBcf() {
        BeagleEngine engine = new BeagleEngine(null, null, Map.of());

        assertThat(engine.referenceProblem(Path.of("chr20.bref3"))).isEmpty();
        assertThat(engine.referenceProblem(Path.of("chr20.vcf.gz"))).isEmpty();
        assertThat(engine.referenceProblem(Path.of("/panels/chr20.bcf")))
                .hasValueSatisfying(problem -> assertThat(problem)
                        .startsWith("Beagle reads bref3 or VCF reference panels, not BCF")
                        .contains("bcftools view -Oz -o panel.vcf.gz chr20.bcf"));
    }

    private static ChromosomeImputation imputation() {
        return new ChromosomeImputation(
                "chr20",
                Path.of("/run/target.vcf.gz"),
                Path.of("/panel/chr20.bref3"),
                Path.of("/panel/chr20.map"),
                Path.of("/run/impute/chr20"),
                3);
    }
}
