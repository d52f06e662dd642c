package org.fedimpute.files.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.fedimpute.files.validation.ValidationReport.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The report as other code and other services see it: JSON, and re-checked against a build declared later. */
class ValidationReportTests {

    @TempDir
    Path dir;

    private final GenotypeValidator validator = new GenotypeValidator(ValidationProperties.defaults());
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aReportTravelsAsJsonAndBack() {
        ValidationReport report = validator.validate(
                TestVcf.cleanHg19().snp("20", 50, "0|1", "1|1", "0|0", "0|1").bgzip(dir.resolve("a.vcf.gz")),
                new ValidationRequest(GenomeBuild.HG38, "my data.vcf.gz"));

        String text = json.writeValueAsString(report);
        JsonNode tree = json.readTree(text);

        assertThat(tree.get("verdict").asString()).isEqualTo("INVALID");
        assertThat(tree.get("build").get("declared").asString()).isEqualTo("hg38");
        assertThat(tree.get("build").get("detected").asString()).isEqualTo("hg19");
        assertThat(tree.get("findings").get(0).get("code").asString()).isEqualTo("UNSORTED");
        assertThat(tree.get("findings").get(0).get("fix").asString()).contains("'my data.vcf.gz'");
        assertThat(tree.get("findingTotals").get("BUILD_MISMATCH").asLong()).isEqualTo(1);
        assertThat(tree.has("acceptedForSubmission")).isFalse();
        assertThat(json.readValue(text, ValidationReport.class)).isEqualTo(report);
    }

    @Test
    void aBuildDeclaredLaterIsCheckedWithoutReadingTheFileAgain() {
        Path file = TestVcf.cleanHg19().bgzip(dir.resolve("a.vcf.gz"));
        ValidationReport undeclared = validator.validate(file, new ValidationRequest(null, null));

        ValidationReport asHg38 = undeclared.withDeclaredBuild(GenomeBuild.HG38);
        ValidationReport asHg19 = asHg38.withDeclaredBuild(GenomeBuild.HG19);

        assertThat(undeclared.verdict()).isEqualTo(Verdict.VALID);
        assertThat(asHg38.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(asHg38.build().declared()).isEqualTo(GenomeBuild.HG38);
        assertThat(asHg38.findingTotals()).containsOnlyKeys(FindingCode.BUILD_MISMATCH);
        assertThat(asHg38.errorCount()).isEqualTo(1);
        assertThat(asHg19).isEqualTo(validator.validate(file, new ValidationRequest(GenomeBuild.HG19, null)));
    }

    @Test
    void namingIsCheckedAgainstABuildDeclaredLater() {
        Path file = TestVcf.withoutLengths()
                .snp("20", 100, "0|1", "1|1", "0|0", "0|1")
                .bgzip(dir.resolve("a.vcf.gz"));

        ValidationReport report = validator.validate(file, null).withDeclaredBuild(GenomeBuild.HG38);

        assertThat(report.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.code()).isEqualTo(FindingCode.CHROMOSOME_NAMING);
            assertThat(finding.message())
                    .isEqualTo("Chromosome '20' is named without 'chr', but hg38 imputation servers expect 'chr20'.");
            assertThat(finding.fix()).contains("bcftools annotate --rename-chrs chr_names.txt");
        });
    }

    @Test
    void buildsAreReadUnderTheNamesResearchersUse() {
        assertThat(GenomeBuild.fromName("GRCh37")).isEqualTo(GenomeBuild.HG19);
        assertThat(GenomeBuild.fromName(" HG38 ")).isEqualTo(GenomeBuild.HG38);
        assertThat(GenomeBuild.fromName("b37")).isEqualTo(GenomeBuild.HG19);
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> GenomeBuild.fromName("hg18"))
                .withMessageContaining("hg19 (GRCh37) or hg38 (GRCh38)");
    }
}
