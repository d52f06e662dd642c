package org.fedimpute.test.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fedimpute.test.genotypes.GenotypeSimulation;
import org.fedimpute.test.genotypes.SimulatedDataset;

/**
 * Writes the local imputation node's demo reference panel (a synthetic GRCh38 {@code chr20} population, with a
 * matching target array and its truth for the demo journey), so that local mode imputes on a fresh machine with no
 * downloads. {@code ./platform up} runs it once; a directory that already holds the panel is left as it is.
 */
public final class DemoReferencePanel {

    /** The simulation behind the demo panel; its seed and sizes fix the files byte for byte. */
    static final GenotypeSimulation SIMULATION = GenotypeSimulation.builder()
            .seed(20)
            .chromosome("chr20")
            .genomeBuild("GRCh38")
            .referenceSamples(250)
            .targetSamples(20)
            .variantSites(5_000)
            .build();

    private DemoReferencePanel() {}

    /** Usage: {@code DemoReferencePanel <directory>}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: DemoReferencePanel <directory>");
            System.exit(2);
        }
        Path directory = Path.of(args[0]);
        SimulatedDataset dataset = writeUnlessPresent(directory);
        System.out.println("Demo reference panel ready: " + dataset.reference());
    }

    /** The demo files in {@code directory}, written there first if any is missing. */
    public static SimulatedDataset writeUnlessPresent(Path directory) throws IOException {
        SimulatedDataset expected = new SimulatedDataset(
                directory.resolve("reference.vcf.gz"),
                directory.resolve("target.vcf.gz"),
                directory.resolve("truth.vcf.gz"),
                directory.resolve("genetic.map"));
        if (expected.files().stream().allMatch(Files::isRegularFile)) {
            return expected;
        }
        return SIMULATION.writeTo(directory);
    }
}
