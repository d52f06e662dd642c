package org.fedimpute.files.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.fedimpute.files.validation.ValidationReport.FrequencyBin;
import org.fedimpute.files.validation.ValidationReport.Phasing;
import org.fedimpute.files.validation.ValidationReport.SampleMissingness;
import org.fedimpute.files.validation.ValidationReport.SiteCounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The numbers of a report, checked against a file whose every count is known by hand. */
class ValidationStatisticsTests {

    @TempDir
    Path dir;

    private final GenotypeValidator validator = new GenotypeValidator(ValidationProperties.defaults());

    private final TestVcf counted = TestVcf.hg19()
            .snp("20", 100, "0|1", "1|1", "0|0", "./.")
            .record("20", 200, "A", "G,T", "0|2", "1|1", "0|0", "0|1")
            .record("20", 300, "A", "AT", "0|0", "0|0", "0|1", "0|0")
            .record("20", 300, "A", "AT", "0|0", "0|0", "0|1", "0|0")
            .record("20", 400, "A", "<DEL>", "0|1", "0|0", "0|0", "0|0")
            .record("20", 500, "AC", "GT", "0|1", "1|0", "0|0", "0|0")
            .snp("20", 600, "0|0", "0|0", "0|0", "0|0")
            .snp("20", 700, "1|1", "1|1", "1|1", ".|.")
            .snp("20", 800, "0/1", "0|1", "1|0", "0|0");

    @Test
    void sitesAreCountedByKind() {
        ValidationReport report = validate(counted);

        assertThat(report.variantCount()).isEqualTo(9);
        assertThat(report.sites()).isEqualTo(new SiteCounts(5, 2, 1, 1, 1, 1, 0, 0));
    }

    @Test
    void missingnessIsCountedPerSampleAndPerVariant() {
        ValidationReport report = validate(counted);

        assertThat(report.missingness().missingGenotypes()).isEqualTo(2);
        assertThat(report.missingness().callRate()).isCloseTo(34.0 / 36, within(1e-12));
        assertThat(report.missingness().worstSamples()).containsExactly(new SampleMissingness("S4", 2.0 / 9));
        assertThat(report.missingness().samplesAboveThreshold()).isZero();
        assertThat(report.missingness().variantsAboveThreshold()).isEqualTo(2);
    }

    @Test
    void alleleFrequenciesAreBinnedOverCalledAlleles() {
        ValidationReport report = validate(counted);

        assertThat(report.alleleFrequencies().monomorphic()).isEqualTo(2);
        assertThat(report.alleleFrequencies().altFrequencyAboveHalf()).isEqualTo(1);
        assertThat(report.alleleFrequencies().withoutCalls()).isZero();
        assertThat(report.alleleFrequencies().altAlleleFrequency())
                .filteredOn(bin -> bin.sites() > 0)
                .containsExactly(
                        new FrequencyBin(0, 0.01, 1),
                        new FrequencyBin(0.1, 0.2, 3),
                        new FrequencyBin(0.2, 0.3, 1),
                        new FrequencyBin(0.3, 0.4, 1),
                        new FrequencyBin(0.5, 0.6, 2),
                        new FrequencyBin(0.99, 1, 1));
    }

    @Test
    void oneUnphasedGenotypeMakesAFilePartiallyPhased() {
        ValidationReport report = validate(counted);

        assertThat(report.phasing()).isEqualTo(Phasing.PARTIALLY_PHASED);
    }

    @Test
    void phasingIgnoresHaploidAndMissingGenotypes() {
        TestVcf vcf = TestVcf.hg19().snp("20", 100, "0|1", "1", "./.", "0").snp("20", 200, "1|1", ".", "0|1", "1");

        assertThat(validate(vcf).phasing()).isEqualTo(Phasing.PHASED);
    }

    @Test
    void unphasedGenotypesMakeAnUnphasedFile() {
        TestVcf vcf = TestVcf.hg19().snp("20", 100, "0/1", "1/1", "0/0", "0/1");

        assertThat(validate(vcf).phasing()).isEqualTo(Phasing.UNPHASED);
    }

    @Test
    void gtIsFoundWhereverFormatPutsIt() {
        TestVcf vcf = TestVcf.hg19()
                .line("20\t100\t.\tA\tG\t.\tPASS\t.\tDP:GT:GQ\t10:0|1:99\t12:1|1:99\t8:./.:0\t3")
                .line("20\t200\t.\tA\tG\t.\tPASS\t.\tGT:DP\t0|1\t1|0:5\t0|0\t1|1");

        ValidationReport report = validate(vcf);

        assertThat(report.findingTotals()).containsOnlyKeys(FindingCode.HIGH_VARIANT_MISSINGNESS);
        assertThat(report.missingness().missingGenotypes()).isEqualTo(2);
        assertThat(report.alleleFrequencies().altAlleleFrequency().stream()
                        .mapToLong(FrequencyBin::sites)
                        .sum())
                .isEqualTo(2);
    }

    @Test
    void alleleIndicesCanHaveSeveralDigits() {
        TestVcf vcf =
                TestVcf.hg19().record("20", 100, "A", "C,G,T,AC,AG,AT,CA,CG,CT,GA,GC", "0|11", "10|1", "0|0", "0|0");

        ValidationReport report = validate(vcf);

        assertThat(report.findingTotals()).doesNotContainKey(FindingCode.MALFORMED_LINE);
        assertThat(report.sites().multiAllelic()).isEqualTo(1);
    }

    @Test
    void windowsLineEndingsAndAMissingFinalNewlineAreAccepted() {
        String text = TestVcf.cleanHg19().text().replace("\n", "\r\n").stripTrailing();

        ValidationReport report = validator.validate(
                TestVcf.bgzip(dir.resolve("crlf.vcf.gz"), text.getBytes(StandardCharsets.UTF_8)),
                new ValidationRequest(GenomeBuild.HG19, null));

        assertThat(report.findings()).isEmpty();
        assertThat(report.variantCount()).isEqualTo(5);
    }

    @Test
    void sampleNamesMayBeUtf8() {
        TestVcf vcf =
                TestVcf.cleanHg19().samples("Müller", "Øre", "张三", "S4").snp("20", 104_000, "0|1", "./.", "0|0", "0|1");

        ValidationReport report = validate(vcf);

        assertThat(report.findingTotals()).containsOnlyKeys(FindingCode.HIGH_VARIANT_MISSINGNESS);
        assertThat(report.missingness().worstSamples()).containsExactly(new SampleMissingness("Øre", 1.0 / 6));
    }

    @Test
    void aChromosomeThatComesBackIsUnsorted() {
        TestVcf vcf = TestVcf.hg19()
                .meta("##contig=<ID=21,length=48129895>")
                .snp("20", 100, "0|1", "1|1", "0|0", "0|1")
                .snp("21", 100, "0|1", "1|1", "0|0", "0|1")
                .snp("20", 200, "0|1", "1|1", "0|0", "0|1");

        ValidationReport report = validate(vcf);

        assertThat(report.findings())
                .filteredOn(finding -> finding.code() == FindingCode.UNSORTED)
                .singleElement()
                .satisfies(finding -> {
                    assertThat(finding.line()).isEqualTo(vcf.lineOf(2));
                    assertThat(finding.message())
                            .isEqualTo(
                                    "Chromosome 20 starts again after 21: each chromosome's records must be together.");
                    assertThat(finding.fix()).startsWith("`bcftools sort -Oz -o upload.sorted.vcf.gz upload.vcf.gz");
                });
        assertThat(report.chromosomes())
                .extracting(ValidationReport.ChromosomeSummary::name)
                .containsExactly("20", "21");
        assertThat(report.chromosomes().getFirst().variants()).isEqualTo(2);
    }

    @Test
    void samplesAboveTheThresholdAreNamedInTheFinding() {
        TestVcf vcf =
                TestVcf.hg19().snp("20", 100, "0|1", "./.", "0|0", "./.").snp("20", 200, "1|0", "./.", "0|1", "1|1");

        ValidationReport report = validate(vcf);

        assertThat(report.missingness().samplesAboveThreshold()).isEqualTo(1);
        assertThat(report.missingness().worstSamples())
                .containsExactly(new SampleMissingness("S2", 1.0), new SampleMissingness("S4", 0.5));
        assertThat(report.findings())
                .filteredOn(finding -> finding.code() == FindingCode.HIGH_SAMPLE_MISSINGNESS)
                .singleElement()
                .satisfies(finding -> {
                    assertThat(finding.message())
                            .isEqualTo("1 of 4 samples miss more than 50.0% of their genotypes, such as S2 (100.0%).");
                    assertThat(finding.fix()).contains("bcftools view -s ^S2 ");
                });
    }

    @Test
    void aMalformedLineCountsNoneOfItsGenotypesTowardsASamplesMissingness() {
        TestVcf vcf = TestVcf.hg19()
                .snp("20", 100, "0|1", "0|0", "0|0", "1|1")
                .snp("20", 200, "./.", "0|0", "0|0", "0|X")
                .snp("20", 300, "./.", "0|0", "0|0")
                .snp("20", 400, "0|1", "0|1", "0|0", "1|1");

        ValidationReport report = validate(vcf);

        assertThat(report.findingTotals()).containsEntry(FindingCode.MALFORMED_LINE, 2L);
        assertThat(report.missingness().missingGenotypes()).isZero();
        assertThat(report.missingness().worstSamples())
                .as("S1 is called on both whole lines; its misses are on the malformed ones")
                .isEmpty();
    }

    private ValidationReport validate(TestVcf vcf) {
        return validator.validate(
                vcf.bgzip(dir.resolve("upload.vcf.gz")), new ValidationRequest(GenomeBuild.HG19, null));
    }
}
