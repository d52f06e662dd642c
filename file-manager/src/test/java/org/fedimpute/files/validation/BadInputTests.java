package org.fedimpute.files.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.fedimpute.files.validation.ValidationReport.FileFormat;
import org.fedimpute.files.validation.ValidationReport.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** Files that are broken, empty or not VCF at all: each gets a clear finding rather than an exception. */
class BadInputTests {

    @TempDir
    Path dir;

    private final GenotypeValidator validator = new GenotypeValidator(ValidationProperties.defaults());

    @Test
    void aTruncatedBgzipFileReportsWhatWasReadBeforeTheBreak() {
        Path file = GenotypeValidatorTests.truncated(dir);

        ValidationReport report = validate(file);

        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(report.variantCount()).isGreaterThan(1_000).isLessThan(5_000);
        assertThat(report.findings()).anySatisfy(finding -> {
            assertThat(finding.code()).isEqualTo(FindingCode.TRUNCATED);
            assertThat(finding.line()).isEqualTo(4 + report.variantCount());
            assertThat(finding.message()).contains("after line " + finding.line());
        });
    }

    @Test
    void aTruncatedPlainGzipFileIsTruncatedAndNotBgzipped() {
        Path whole = GenotypeValidatorTests.manyRecords().gzip(dir.resolve("whole.vcf.gz"));
        byte[] bytes = GenotypeValidatorTests.read(whole);
        Path file = TestVcf.write(dir.resolve("cut.vcf.gz"), Arrays.copyOf(bytes, bytes.length / 2));

        ValidationReport report = validate(file);

        assertThat(report.format()).isEqualTo(FileFormat.VCF_GZIP);
        assertThat(report.variantCount()).isGreaterThan(1_000).isLessThan(5_000);
        assertThat(report.findingTotals()).containsOnlyKeys(FindingCode.TRUNCATED, FindingCode.NOT_BGZIPPED);
    }

    @Test
    void aBgzipFileWithoutItsEndOfFileMarkerIsTruncated() {
        byte[] bytes = GenotypeValidatorTests.read(TestVcf.cleanHg19().bgzip(dir.resolve("whole.vcf.gz")));
        Path file = TestVcf.write(dir.resolve("cut.vcf.gz"), Arrays.copyOf(bytes, bytes.length - 28));

        ValidationReport report = validate(file);

        assertThat(report.variantCount()).isEqualTo(5);
        assertThat(report.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.code()).isEqualTo(FindingCode.TRUNCATED);
            assertThat(finding.message()).contains("end-of-file marker");
        });
    }

    @Test
    void binaryGarbageNamedVcfGzIsNotAVcf() {
        Path file = TestVcf.write(dir.resolve("data.vcf.gz"), GenotypeValidatorTests.garbage());

        ValidationReport report = validate(file);

        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(report.format()).isEqualTo(FileFormat.UNKNOWN);
        assertThat(report.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.code()).isEqualTo(FindingCode.NOT_A_VCF);
            assertThat(finding.message()).contains("neither gzip-compressed nor text", "binary data", "13 ");
        });
        assertThat(report.sampleCount()).isZero();
        assertThat(report.build()).isNull();
        assertThat(report.missingness()).isNull();
    }

    @Test
    void gzippedBinaryIsNotAVcf() {
        Path file = TestVcf.bgzip(dir.resolve("data.vcf.gz"), GenotypeValidatorTests.garbage());

        ValidationReport report = validate(file);

        assertThat(report.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.code()).isEqualTo(FindingCode.NOT_A_VCF);
            assertThat(finding.message()).contains("gzip-compressed, but what it holds is not text");
        });
    }

    @Test
    void aZeroByteFileIsEmpty() {
        Path file = TestVcf.write(dir.resolve("data.vcf.gz"), new byte[0]);

        ValidationReport report = validate(file);

        assertThat(report.sizeBytes()).isZero();
        assertThat(report.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.code()).isEqualTo(FindingCode.EMPTY_FILE);
            assertThat(finding.message()).contains("0 bytes");
        });
    }

    @Test
    void aCompressedEmptyFileIsEmpty() {
        Path file = TestVcf.bgzip(dir.resolve("data.vcf.gz"), new byte[0]);

        ValidationReport report = validate(file);

        assertThat(report.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.code()).isEqualTo(FindingCode.EMPTY_FILE);
            assertThat(finding.message()).contains("decompresses to no content");
        });
    }

    @Test
    void aHeaderOnlyVcfHasNoVariants() {
        ValidationReport report = validate(TestVcf.hg19().bgzip(dir.resolve("data.vcf.gz")));

        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(report.sampleCount()).isEqualTo(4);
        assertThat(report.variantCount()).isZero();
        assertThat(report.chromosomes()).isEmpty();
        assertThat(report.chromosomeNaming()).isNull();
        assertThat(report.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.code()).isEqualTo(FindingCode.NO_VARIANTS);
            assertThat(finding.line()).isEqualTo(4);
        });
    }

    @Test
    void aZipArchiveIsNotAVcf() throws IOException {
        Path file = dir.resolve("data.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("data.vcf"));
            zip.write(TestVcf.cleanHg19().text().getBytes(StandardCharsets.UTF_8));
        }

        ValidationReport report = validate(file);

        assertThat(report.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.code()).isEqualTo(FindingCode.NOT_A_VCF);
            assertThat(finding.message()).contains("ZIP archive");
            assertThat(finding.fix()).contains("unzip");
        });
    }

    @Test
    void textOfAnotherKindIsNotAVcf() {
        Path file = TestVcf.bgzip(
                dir.resolve("data.vcf.gz"), "FAM1 IND1 0 0 1 -9 A A G G\n".getBytes(StandardCharsets.UTF_8));

        ValidationReport report = validate(file);

        assertThat(report.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.code()).isEqualTo(FindingCode.NOT_A_VCF);
            assertThat(finding.message()).contains("starts with 'FAM1 IND1");
            assertThat(finding.line()).isEqualTo(1);
            assertThat(finding.fix()).contains("plink");
        });
    }

    @Test
    void aMissingFileformatLineIsReportedAndTheRestIsStillRead() {
        Path file = TestVcf.cleanHg19().withoutMeta().bgzip(dir.resolve("data.vcf.gz"));

        ValidationReport report = validate(file);

        assertThat(report.variantCount()).isEqualTo(5);
        assertThat(report.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.code()).isEqualTo(FindingCode.MALFORMED_HEADER);
            assertThat(finding.line()).isEqualTo(1);
            assertThat(finding.fix()).contains("##fileformat=VCFv4.2");
        });
    }

    @Test
    void aChromLineSeparatedBySpacesStopsTheValidation() {
        String text = TestVcf.cleanHg19().text().replace("#CHROM\tPOS\tID", "#CHROM POS ID");
        Path file = TestVcf.bgzip(dir.resolve("data.vcf.gz"), text.getBytes(StandardCharsets.UTF_8));

        ValidationReport report = validate(file);

        assertThat(report.variantCount()).isZero();
        assertThat(report.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.code()).isEqualTo(FindingCode.MALFORMED_HEADER);
            assertThat(finding.line()).isEqualTo(4);
            assertThat(finding.message()).contains("tabs");
        });
    }

    @Test
    void aHeaderWithoutChromLineIsMalformed() {
        String text = TestVcf.cleanHg19().text().replaceAll("#CHROM[^\n]*\n", "");
        Path file = TestVcf.bgzip(dir.resolve("data.vcf.gz"), text.getBytes(StandardCharsets.UTF_8));

        ValidationReport report = validate(file);

        assertThat(report.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.code()).isEqualTo(FindingCode.MALFORMED_HEADER);
            assertThat(finding.message()).contains("no '#CHROM' line");
            assertThat(finding.line()).isEqualTo(4);
        });
    }

    @Test
    void concatenatedFilesAreCaughtAtTheSecondHeader() {
        TestVcf vcf = TestVcf.cleanHg19();
        String text = vcf.text() + vcf.text();
        Path file = TestVcf.bgzip(dir.resolve("data.vcf.gz"), text.getBytes(StandardCharsets.UTF_8));

        ValidationReport report = validate(file);

        assertThat(report.findings())
                .filteredOn(finding -> finding.code() == FindingCode.MALFORMED_LINE)
                .first()
                .satisfies(finding -> {
                    assertThat(finding.line()).isEqualTo(10);
                    assertThat(finding.message()).contains("header line among the records", "cat");
                });
    }

    @Test
    void malformedLinesAreEachReportedAndTheScanGoesOn() {
        TestVcf vcf = TestVcf.hg19()
                .snp("20", 100, "0|1", "1|1", "0|0", "0|1")
                .line("20\t200\t.\tA\tG\t.\tPASS\t.\tGT\t0|1\t1|1\t0|0")
                .snp("20", 300, "0|1", "0/1/", "0|0", "0|1")
                .snp("20", 400, "0|1", "1|2", "0|0", "0|1")
                .snp("20", 0, "0|1", "1|1", "0|0", "0|1")
                .snp("20", 600, "0|1", "1|1", "0|0", "0|1");

        ValidationReport report = validate(vcf.bgzip(dir.resolve("data.vcf.gz")));

        assertThat(report.findings())
                .filteredOn(finding -> finding.code() == FindingCode.MALFORMED_LINE)
                .extracting(Finding::line, Finding::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                vcf.lineOf(1),
                                "Line 6 is not a valid record: it has 12 tab-separated column(s) where the header's"
                                        + " #CHROM line has 13."),
                        org.assertj.core.groups.Tuple.tuple(
                                vcf.lineOf(2),
                                "Line 7 is not a valid record: sample S2 has genotype '0/1/', which is not a VCF"
                                        + " genotype (such as 0/1, 1|0 or ./.)."),
                        org.assertj.core.groups.Tuple.tuple(
                                vcf.lineOf(3),
                                "Line 8 is not a valid record: sample S2 has genotype '1|2' but the site has 1 ALT"
                                        + " allele(s)."),
                        org.assertj.core.groups.Tuple.tuple(
                                vcf.lineOf(4),
                                "Line 9 is not a valid record: POS '0' is not a position (a whole number from 1)."));
        assertThat(report.chromosomes().getFirst().lastPosition()).isEqualTo(600);
    }

    @Test
    void onlyTheFirstExamplesOfACodeAreListedButAllAreCounted() {
        TestVcf vcf = TestVcf.hg19();
        for (int record = 0; record < 15; record++) {
            vcf.line("20\tnot-a-position\t.\tA\tG\t.\tPASS\t.\tGT\t0|1\t1|1\t0|0\t0|1");
        }
        ValidationProperties properties = new ValidationProperties(1, 3, 10, 0.5, 0.1, DataSize.ofMegabytes(64));

        ValidationReport report =
                new GenotypeValidator(properties).validate(vcf.bgzip(dir.resolve("data.vcf.gz")), null);

        assertThat(report.findings())
                .filteredOn(finding -> finding.code() == FindingCode.MALFORMED_LINE)
                .hasSize(3);
        assertThat(report.findingTotals()).containsEntry(FindingCode.MALFORMED_LINE, 15L);
        assertThat(report.errorCount()).isEqualTo(16);
    }

    @Test
    void aHeaderLineWithoutEndIsRefusedAtItsFirstMebibyte() {
        // A quarter of a megabyte that decompresses to a first line and 250 MB without a line break.
        Path file = gzipRepeated(dir.resolve("endless.vcf.gz"), "##fileformat=VCFv4.2\n##", "A", 250_000_000L);

        ValidationReport report = validate(file);

        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(report.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.code()).isEqualTo(FindingCode.MALFORMED_HEADER);
            assertThat(finding.line()).isEqualTo(2);
            assertThat(finding.message()).isEqualTo("Header line 2 is longer than 1 MiB; validation stopped there.");
        });
    }

    @Test
    void aRecordWithoutEndIsRefusedAtTheLengthOfAMillionSampleRecord() {
        TestVcf vcf = TestVcf.cleanHg19();
        String head = vcf.text() + "20\t104000\t.\tA\tG\t.\tPASS\t.\tGT\t";
        Path file = gzipRepeated(dir.resolve("wide.vcf.gz"), head, "0|1\t", 20_000_000L);

        ValidationReport report = validate(file);

        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(report.variantCount()).isEqualTo(5);
        assertThat(report.findings()).anySatisfy(finding -> {
            assertThat(finding.code()).isEqualTo(FindingCode.MALFORMED_LINE);
            assertThat(finding.line()).isEqualTo(vcf.lineOf(5));
            assertThat(finding.message())
                    .isEqualTo("Line " + vcf.lineOf(5) + " is longer than 64 MiB; validation stopped there.");
        });
    }

    @Test
    void aFileThatCannotBeReadIsTheCallersProblem() {
        assertThatThrownBy(() -> validate(dir.resolve("missing.vcf.gz"))).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void plainTextIsNotBgzipped() {
        ValidationReport report = validate(TestVcf.cleanHg19().plain(dir.resolve("data.vcf")));

        assertThat(report.format()).isEqualTo(FileFormat.VCF_PLAIN);
        assertThat(report.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.code()).isEqualTo(FindingCode.NOT_BGZIPPED);
            assertThat(finding.fix())
                    .isEqualTo("`bgzip -c data.vcf > data.fixed.vcf.gz && tabix -p vcf data.fixed.vcf.gz`");
        });
        assertThat(report.variantCount()).isEqualTo(5);
    }

    private ValidationReport validate(Path file) {
        return validator.validate(file, new ValidationRequest(GenomeBuild.HG19, null));
    }

    /**
     * Gzips {@code head} followed by {@code unit} repeated {@code times}, generated as it is compressed, so that only
     * the small compressed file is ever written.
     */
    private static Path gzipRepeated(Path file, String head, String unit, long times) {
        try (InputStream content = new SequenceInputStream(
                        new ByteArrayInputStream(head.getBytes(StandardCharsets.US_ASCII)),
                        new Repeated(unit.getBytes(StandardCharsets.US_ASCII), times));
                OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16)) {
            content.transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** The same few bytes over and over, produced as they are read: content far larger than a test should hold. */
    private static final class Repeated extends InputStream {

        private final byte[] unit;
        private final long length;
        private long position;

        Repeated(byte[] unit, long times) {
            this.unit = unit;
            this.length = unit.length * times;
        }

        @Override
        public int read() {
            return position < length ? unit[(int) (position++ % unit.length)] : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int count) {
            if (position == length) {
                return -1;
            }
            int n = (int) Math.min(count, length - position);
            for (int i = 0; i < n; i++) {
                buffer[offset + i] = unit[(int) ((position + i) % unit.length)];
            }
            position += n;
            return n;
        }
    }
}
