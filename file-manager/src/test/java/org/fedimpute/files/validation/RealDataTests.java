package org.fedimpute.files.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.fedimpute.files.validation.ValidationReport.Confidence;
import org.fedimpute.files.validation.ValidationReport.FileFormat;
import org.fedimpute.files.validation.ValidationReport.Phasing;
import org.fedimpute.files.validation.ValidationReport.Verdict;
import org.junit.jupiter.api.Test;

/**
 * The validator on the real test inputs of Michigan Imputation Server 2 (MIT), which every developer machine and CI
 * have beside the repository under {@code ../shared}; each test skips with a message where they are absent.
 */
class RealDataTests {

    /** The repository's sibling {@code shared}, seen from the module directory that tests run in. */
    static final Path DATA = Path.of("..", "..", "shared", "data", "imputation");

    private final GenotypeValidator validator = new GenotypeValidator(ValidationProperties.defaults());

    @Test
    void theUnsortedFileIsRefusedAsUnsorted() {
        ValidationReport report = validate("input/chr20.unsorted.invalid.vcf.gz", GenomeBuild.HG19);

        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(report.findingTotals()).containsKey(FindingCode.UNSORTED);
        assertThat(report.findings()).first().satisfies(finding -> {
            assertThat(finding.code()).isEqualTo(FindingCode.UNSORTED);
            assertThat(finding.line()).isEqualTo(6);
            assertThat(finding.message())
                    .isEqualTo(
                            "Position 63,041 on 20 comes after position 68,749: records must be sorted by position.");
            assertThat(finding.fix()).contains("bcftools sort");
        });
    }

    @Test
    void hg19AndHg38AreToldApart() {
        ValidationReport hg19 = validate("input/chr20.phased.hg19.vcf.gz", null);
        ValidationReport hg38 = validate("input/chr20.phased.hg38.vcf.gz", null);

        assertThat(hg19.build().detected()).isEqualTo(GenomeBuild.HG19);
        assertThat(hg19.chromosomes())
                .singleElement()
                .satisfies(c -> assertThat(c.name()).isEqualTo("20"));
        assertThat(hg38.build().detected()).isEqualTo(GenomeBuild.HG38);
        assertThat(hg38.build().confidence()).isEqualTo(Confidence.HIGH);
        assertThat(hg38.chromosomes())
                .singleElement()
                .satisfies(c -> assertThat(c.name()).isEqualTo("chr20"));
    }

    @Test
    void declaringTheWrongBuildIsAnError() {
        ValidationReport hg38AsHg19 = validate("input/chr20.phased.hg38.vcf.gz", GenomeBuild.HG19);
        ValidationReport hg19AsHg38 = validate("input/chr20.phased.hg19.vcf.gz", GenomeBuild.HG38);

        assertThat(hg38AsHg19.findingTotals()).containsKey(FindingCode.BUILD_MISMATCH);
        assertThat(hg38AsHg19.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(hg19AsHg38.findingTotals()).containsKey(FindingCode.CHROMOSOME_NAMING);
        assertThat(hg19AsHg38.verdict()).isEqualTo(Verdict.INVALID);
    }

    @Test
    void thePhasedFileIsPhasedAndTheUnphasedOneIsNot() {
        ValidationReport phased = validate("input/chr20.phased.hg19.vcf.gz", GenomeBuild.HG19);
        ValidationReport unphased = validate("input/chr20.unphased.hg19.vcf.gz", GenomeBuild.HG19);

        assertThat(phased.phasing()).isEqualTo(Phasing.PHASED);
        assertThat(unphased.phasing()).isEqualTo(Phasing.UNPHASED);
    }

    @Test
    void theValidInputsAreAcceptedAndDescribed() {
        ValidationReport hg19 = validate("input/chr20.phased.hg19.vcf.gz", GenomeBuild.HG19);
        ValidationReport hg38 = validate("input/chr20.phased.hg38.vcf.gz", GenomeBuild.HG38);

        for (ValidationReport report : new ValidationReport[] {hg19, hg38}) {
            assertThat(report.acceptedForSubmission()).isTrue();
            assertThat(report.format()).isEqualTo(FileFormat.VCF_BGZIP);
            assertThat(report.sampleCount()).isEqualTo(51);
            assertThat(report.variantCount()).isEqualTo(7_824);
            assertThat(report.sites().snps()).isEqualTo(7_824);
            assertThat(report.missingness().callRate()).isEqualTo(1.0);
        }
        assertThat(hg19.chromosomes().getFirst().lastPosition()).isEqualTo(62_906_514);
        assertThat(hg38.chromosomes().getFirst().lastPosition()).isEqualTo(64_275_161);
    }

    @Test
    void theSecondInputIsHg19ByItsContigLengthsAndHasADuplicate() {
        ValidationReport report = validate("input/minimac_test2.50.vcf.gz", GenomeBuild.HG19);

        assertThat(report.build().detected()).isEqualTo(GenomeBuild.HG19);
        assertThat(report.build().confidence()).isEqualTo(Confidence.HIGH);
        assertThat(report.verdict()).isEqualTo(Verdict.VALID_WITH_WARNINGS);
        assertThat(report.sites().duplicates()).isEqualTo(1);
        assertThat(report.sites().filtered()).isEqualTo(1);
    }

    @Test
    void aReferencePanelInBcfIsRefusedWithItsConversion() {
        ValidationReport report = validate("refpanel/hg19/hapmap_r22.chr20.CEU.hg19.bcf", GenomeBuild.HG19);

        assertThat(report.format()).isEqualTo(FileFormat.BCF);
        assertThat(report.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.code()).isEqualTo(FindingCode.BCF_NOT_ACCEPTED);
            assertThat(finding.fix()).contains("bcftools view -Oz");
        });
    }

    private ValidationReport validate(String relative, GenomeBuild declared) {
        Path file = DATA.resolve(relative);
        assumeTrue(
                Files.isRegularFile(file),
                () -> "Real data " + file.toAbsolutePath().normalize() + " is absent (it lives in the repository's"
                        + " sibling 'shared'): skipping");
        return validator.validate(file, new ValidationRequest(declared, null));
    }
}
