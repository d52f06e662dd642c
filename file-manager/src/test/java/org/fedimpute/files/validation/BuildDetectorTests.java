package org.fedimpute.files.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fedimpute.files.validation.ValidationReport.BuildDetection;
import org.fedimpute.files.validation.ValidationReport.ChromosomeNaming;
import org.fedimpute.files.validation.ValidationReport.ChromosomeSummary;
import org.fedimpute.files.validation.ValidationReport.Confidence;
import org.junit.jupiter.api.Test;

/** Which build the evidence points to, and how firmly. */
class BuildDetectorTests {

    private static final List<ChromosomeSummary> LOW_POSITIONS_ON_20 =
            List.of(new ChromosomeSummary("20", 10, 60_000, 1_000_000));

    @Test
    void contigLengthsDecideFirmly() {
        BuildDetection build = BuildDetector.detect(
                null, new TreeMap<>(Map.of("chr20", 64_444_167L, "chr21", 46_709_983L)), List.of(), List.of(), null);

        assertThat(build.detected()).isEqualTo(GenomeBuild.HG38);
        assertThat(build.confidence()).isEqualTo(Confidence.HIGH);
        assertThat(build.evidence())
                .containsExactly("the header's contig lengths match GRCh38 for 2 chromosome(s), such as chr20"
                        + " (64,444,167 bp)");
    }

    @Test
    void aPositionPastTheEndOfOneBuildPointsToTheOther() {
        BuildDetection build = BuildDetector.detect(
                GenomeBuild.HG19,
                Map.of(),
                List.of(),
                List.of(new ChromosomeSummary("20", 10, 60_000, 64_000_000)),
                ChromosomeNaming.NUMERIC);

        assertThat(build.declared()).isEqualTo(GenomeBuild.HG19);
        assertThat(build.detected()).isEqualTo(GenomeBuild.HG38);
        assertThat(build.confidence()).isEqualTo(Confidence.HIGH);
        assertThat(build.evidence())
                .contains("position 64,000,000 on 20 is past the end of that chromosome in GRCh37 (63,025,520 bp)");
    }

    @Test
    void referenceNamesInTheHeaderAreMediumEvidence() {
        BuildDetection build = BuildDetector.detect(
                null,
                Map.of(),
                List.of("file:///refs/Homo_sapiens_assembly38.fasta"),
                LOW_POSITIONS_ON_20,
                ChromosomeNaming.NUMERIC);

        assertThat(build.detected()).isEqualTo(GenomeBuild.HG38);
        assertThat(build.confidence()).isEqualTo(Confidence.MEDIUM);
    }

    @Test
    void namingAloneIsWeakEvidence() {
        BuildDetection build =
                BuildDetector.detect(null, Map.of(), List.of(), LOW_POSITIONS_ON_20, ChromosomeNaming.NUMERIC);

        assertThat(build.detected()).isEqualTo(GenomeBuild.HG19);
        assertThat(build.confidence()).isEqualTo(Confidence.LOW);
    }

    @Test
    void conflictingStrongEvidenceLowersTheConfidence() {
        BuildDetection build = BuildDetector.detect(
                null,
                Map.of("20", 63_025_520L),
                List.of("GRCh37"),
                List.of(new ChromosomeSummary("20", 10, 60_000, 64_000_000)),
                ChromosomeNaming.NUMERIC);

        assertThat(build.detected()).isEqualTo(GenomeBuild.HG19);
        assertThat(build.confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(build.evidence()).hasSize(4);
    }

    @Test
    void noEvidenceDetectsNothing() {
        BuildDetection build = BuildDetector.detect(
                GenomeBuild.HG38, Map.of("20", 0L), List.of(), LOW_POSITIONS_ON_20, ChromosomeNaming.MIXED);

        assertThat(build.detected()).isNull();
        assertThat(build.confidence()).isEqualTo(Confidence.NONE);
        assertThat(build.evidence()).isEmpty();
    }
}
