package org.fedimpute.node.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import htsjdk.variant.variantcontext.VariantContext;
import htsjdk.variant.vcf.VCFFileReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fedimpute.node.pipeline.InputCheck.InputMarker;
import org.fedimpute.node.pipeline.InputCheck.Overlap;
import org.fedimpute.test.genotypes.GenotypeSimulation;
import org.fedimpute.test.genotypes.SimulatedDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The panel overlap reads an indexed site list only over the input's span, and counts as a full scan does. */
class PanelOverlapTests {

    @TempDir
    Path work;

    @Test
    void anIndexedPanelIsQueriedOverTheInputsSpanAndCountsAsAScanDoes() throws IOException {
        SimulatedDataset data = GenotypeSimulation.builder()
                .seed(11)
                .chromosome("chr20")
                .genomeBuild("GRCh38")
                .referenceSamples(40)
                .targetSamples(4)
                .variantSites(1_500)
                .build()
                .writeTo(work.resolve("panel"));
        assertThat(Path.of(data.reference() + ".tbi")).isRegularFile();
        Path unindexed = Files.copy(data.reference(), work.resolve("unindexed.vcf.gz"));
        Map<Integer, List<InputMarker>> markers = markersOf(data.target());
        // One marker the panel cannot have: the count must not match it either way.
        markers.computeIfAbsent(1, position -> new ArrayList<>()).add(new InputMarker("A", List.of("C")));

        Overlap queried = PanelOverlap.count(data.reference(), "chr20", markers, new RunControl());
        Overlap scanned = PanelOverlap.count(unindexed, "chr20", markers, new RunControl());

        assertThat(queried).isEqualTo(scanned);
        assertThat(queried.markers())
                .isEqualTo(markers.values().stream().mapToInt(List::size).sum());
        assertThat(queried.same()).isEqualTo(queried.markers() - 1);
        assertThat(PanelOverlap.count(data.reference(), "chr21", markers, new RunControl())
                        .share())
                .isZero();
    }

    @Test
    void anInputWithoutMarkersOnTheChromosomeReadsNothing() {
        Overlap none = PanelOverlap.count(work.resolve("absent.vcf.gz"), "chr20", Map.of(), new RunControl());

        assertThat(none).isEqualTo(new Overlap(0, 0, 0, 0));
    }

    private static Map<Integer, List<InputMarker>> markersOf(Path target) {
        Map<Integer, List<InputMarker>> markers = new HashMap<>();
        try (VCFFileReader reader = new VCFFileReader(target, false)) {
            for (VariantContext variant : reader) {
                markers.computeIfAbsent(variant.getStart(), position -> new ArrayList<>())
                        .add(InputMarker.of(variant));
            }
        }
        return markers;
    }
}
