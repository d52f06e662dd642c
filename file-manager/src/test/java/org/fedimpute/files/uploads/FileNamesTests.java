package org.fedimpute.files.uploads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.fedimpute.files.records.FileKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.web.ErrorResponseException;

class FileNamesTests {

    @ParameterizedTest
    @CsvSource({
        "chr1.vcf.gz, chr1.vcf.gz, VCF_GZ",
        "CHR1.VCF.GZ, CHR1.VCF.GZ, VCF_GZ",
        "study/batch 2/chr1.bcf, chr1.bcf, BCF",
        "'study\\chr2.bed', chr2.bed, PLINK_BED",
        "'  cohort.bim  ', cohort.bim, PLINK_BIM",
        "cohort.fam, cohort.fam, PLINK_FAM",
        "results.zip, results.zip, ZIP",
        "a..b.vcf, a..b.vcf, VCF"
    })
    void aFileNameKeepsOnlyItsLastSegmentAndNamesItsFormat(String raw, String name, FileFormat format) {
        FileNames.NamedFile checked = FileNames.check(raw, FileKind.INPUT, "file");
        assertThat(checked.name()).isEqualTo(name);
        assertThat(checked.format()).isEqualTo(format);
    }

    @ParameterizedTest
    @ValueSource(strings = {"chr\u0001\u00071.vcf", "chr\u202E1.vcf", "chr1\n.vcf"})
    void controlAndInvisibleFormattingCharactersAreRemoved(String raw) {
        assertThat(FileNames.check(raw, FileKind.INPUT, "file").name()).isEqualTo("chr1.vcf");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "../../etc/passwd.vcf",
                "data/../../x.vcf",
                "..\\x.vcf",
                "/etc/cron.d/x.vcf",
                "\\\\server\\share\\x.vcf",
                "C:\\Users\\x.vcf",
                "..",
                " ",
                "dir/",
                ".vcf",
                "notes.exe",
                "genotypes.vcf.exe",
                "archive.tar"
            })
    void pathsThatClimbOrStartAtARootAndDisallowedOrMissingNamesAreRefusedNamingTheField(String raw) {
        assertThatThrownBy(() -> FileNames.check(raw, FileKind.INPUT, "file"))
                .isInstanceOfSatisfying(ErrorResponseException.class, refused -> {
                    assertThat(refused.getStatusCode().value()).isEqualTo(400);
                    assertThat(refused.getBody().getProperties().get("errors").toString())
                            .contains("field=file");
                });
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "qc-report.html",
                "statistics.txt",
                "chr1.info.gz",
                "job.log",
                "chr20.dose.vcf.gz.tbi",
                "chr1.dose.vcf.gz.csi",
                "results.md5"
            })
    void reportsAndLogsAreAcceptedAsResultsOnly(String name) {
        assertThat(FileNames.check(name, FileKind.RESULT, "name").name()).isEqualTo(name);
        assertThatThrownBy(() -> FileNames.check(name, FileKind.INPUT, "file"))
                .isInstanceOf(ErrorResponseException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {255, 256})
    void namesAreAtMost255Characters(int length) {
        String name = "a".repeat(length - 4) + ".vcf";
        if (length <= FileNames.MAX_LENGTH) {
            assertThat(FileNames.check(name, FileKind.INPUT, "file").name()).hasSize(length);
        } else {
            assertThatThrownBy(() -> FileNames.check(name, FileKind.INPUT, "file"))
                    .isInstanceOf(ErrorResponseException.class);
        }
    }
}
