package org.fedimpute.files.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.fedimpute.files.validation.ValidationReport.Verdict;
import org.fedimpute.test.genotypes.GenotypeSimulation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every finding code against the smallest file that should raise it, and against clean files that must not: the
 * contract the upload flow and researchers rely on.
 */
class GenotypeValidatorTests {

    /**
     * How to make a file that raises a code, the build to declare, and the line the finding must point at ({@code
     * null}: none, {@link #SOME_LINE}: one that depends on how the compressed data was cut).
     */
    record Example(Function<Path, Path> file, GenomeBuild declared, Long line) {}

    static final Long SOME_LINE = -1L;

    private static final Map<FindingCode, Example> EXAMPLES = examples();

    @TempDir
    static Path cleanFiles;

    private static Path cleanHg19;
    private static Path cleanHg38;

    @TempDir
    Path dir;

    private final GenotypeValidator validator = new GenotypeValidator(ValidationProperties.defaults());

    @BeforeAll
    static void simulateCleanFiles() throws IOException {
        GenotypeSimulation simulation = GenotypeSimulation.builder()
                .seed(11)
                .referenceSamples(60)
                .variantSites(2_000)
                .build();
        cleanHg19 = simulation.writeTo(cleanFiles.resolve("hg19")).reference();
        cleanHg38 = simulation.toBuilder()
                .chromosome("chr20")
                .genomeBuild("GRCh38")
                .build()
                .writeTo(cleanFiles.resolve("hg38"))
                .reference();
    }

    @Test
    void everyCodeHasAnExample() {
        assertThat(EXAMPLES.keySet()).containsExactlyInAnyOrder(FindingCode.values());
    }

    @ParameterizedTest
    @EnumSource(FindingCode.class)
    void eachCodeIsRaisedByItsExample(FindingCode code) {
        Example example = EXAMPLES.get(code);
        Path file = example.file().apply(dir);

        ValidationReport report = validator.validate(file, new ValidationRequest(example.declared(), "upload.vcf.gz"));

        assertThat(report.findings()).anySatisfy(finding -> {
            assertThat(finding.code()).isEqualTo(code);
            assertThat(finding.severity()).isEqualTo(code.severity());
            if (example.line() == SOME_LINE) {
                assertThat(finding.line()).isPositive();
            } else {
                assertThat(finding.line()).isEqualTo(example.line());
            }
            assertThat(finding.message()).isNotBlank();
            assertThat(finding.fix()).isNotBlank();
        });
        assertThat(report.findingTotals()).containsKey(code);
        if (code.severity() == Severity.ERROR) {
            assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
            assertThat(report.acceptedForSubmission()).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(FindingCode.class)
    void aCleanHg19FileDoesNotRaise(FindingCode code) {
        ValidationReport report = validator.validate(cleanHg19, new ValidationRequest(GenomeBuild.HG19, null));

        assertThat(report.findingTotals()).doesNotContainKey(code);
    }

    @ParameterizedTest
    @EnumSource(FindingCode.class)
    void aCleanHg38FileDoesNotRaise(FindingCode code) {
        ValidationReport report = validator.validate(cleanHg38, new ValidationRequest(GenomeBuild.HG38, null));

        assertThat(report.findingTotals()).doesNotContainKey(code);
    }

    @Test
    void aCleanFileIsValidAndDescribed() {
        ValidationReport report = validator.validate(cleanHg19, new ValidationRequest(GenomeBuild.HG19, "mine.vcf.gz"));

        assertThat(report.verdict()).isEqualTo(Verdict.VALID);
        assertThat(report.findings()).isEmpty();
        assertThat(report.fileName()).isEqualTo("mine.vcf.gz");
        assertThat(report.format()).isEqualTo(ValidationReport.FileFormat.VCF_BGZIP);
        assertThat(report.vcfVersion()).isEqualTo("VCFv4.2");
        assertThat(report.sampleCount()).isEqualTo(60);
        assertThat(report.variantCount()).isEqualTo(2_000);
        assertThat(report.chromosomes()).singleElement().satisfies(chromosome -> {
            assertThat(chromosome.name()).isEqualTo("20");
            assertThat(chromosome.variants()).isEqualTo(2_000);
            assertThat(chromosome.firstPosition()).isEqualTo(60_000);
        });
        assertThat(report.chromosomeNaming()).isEqualTo(ValidationReport.ChromosomeNaming.NUMERIC);
        assertThat(report.build().detected()).isEqualTo(GenomeBuild.HG19);
        assertThat(report.build().confidence()).isEqualTo(ValidationReport.Confidence.HIGH);
        assertThat(report.phasing()).isEqualTo(ValidationReport.Phasing.PHASED);
        assertThat(report.sites().snps()).isEqualTo(2_000);
        assertThat(report.missingness().callRate()).isEqualTo(1.0);
        assertThat(report.alleleFrequencies().altAlleleFrequency().stream()
                        .mapToLong(ValidationReport.FrequencyBin::sites)
                        .sum())
                .isEqualTo(2_000);
    }

    @Test
    void anHg38FileIsToldApartFromHg19() {
        ValidationReport report = validator.validate(cleanHg38, new ValidationRequest(null, null));

        assertThat(report.build().detected()).isEqualTo(GenomeBuild.HG38);
        assertThat(report.build().confidence()).isEqualTo(ValidationReport.Confidence.HIGH);
        assertThat(report.chromosomeNaming()).isEqualTo(ValidationReport.ChromosomeNaming.PREFIXED);
    }

    private static Map<FindingCode, Example> examples() {
        Map<FindingCode, Example> examples = new EnumMap<>(FindingCode.class);
        TestVcf clean = TestVcf.cleanHg19();
        examples.put(
                FindingCode.EMPTY_FILE,
                new Example(dir -> TestVcf.write(dir.resolve("e.vcf.gz"), new byte[0]), GenomeBuild.HG19, null));
        examples.put(
                FindingCode.NOT_A_VCF,
                new Example(dir -> TestVcf.write(dir.resolve("g.vcf.gz"), garbage()), GenomeBuild.HG19, null));
        examples.put(
                FindingCode.TRUNCATED, new Example(GenotypeValidatorTests::truncated, GenomeBuild.HG19, SOME_LINE));
        examples.put(
                FindingCode.CORRUPT_COMPRESSION,
                new Example(GenotypeValidatorTests::corrupted, GenomeBuild.HG19, SOME_LINE));
        examples.put(
                FindingCode.NOT_BGZIPPED,
                new Example(dir -> clean.gzip(dir.resolve("c.vcf.gz")), GenomeBuild.HG19, null));
        examples.put(
                FindingCode.BCF_NOT_ACCEPTED,
                new Example(
                        dir -> TestVcf.bgzip(
                                dir.resolve("x.bcf"), "BCF\2\2\0\0\0\0".getBytes(StandardCharsets.ISO_8859_1)),
                        GenomeBuild.HG19,
                        null));
        TestVcf badHeader = TestVcf.hg19()
                .meta("##INFO=<ID=X,Number=1,Type=Bogus,Description=\"x\">")
                .snp("20", 100_000, "0|1", "1|1", "0|0", "0|1");
        examples.put(
                FindingCode.MALFORMED_HEADER,
                new Example(dir -> badHeader.bgzip(dir.resolve("h.vcf.gz")), GenomeBuild.HG19, 4L));
        examples.put(
                FindingCode.DUPLICATE_SAMPLES,
                new Example(
                        dir -> TestVcf.hg19()
                                .samples("S1", "S1")
                                .snp("20", 100_000, "0|1", "1|1")
                                .bgzip(dir.resolve("d.vcf.gz")),
                        GenomeBuild.HG19,
                        4L));
        examples.put(
                FindingCode.NO_SAMPLES,
                new Example(
                        dir -> TestVcf.hg19()
                                .samples()
                                .line("20\t100000\t.\tA\tG\t.\tPASS\t.")
                                .bgzip(dir.resolve("s.vcf.gz")),
                        GenomeBuild.HG19,
                        null));
        examples.put(
                FindingCode.NO_VARIANTS,
                new Example(dir -> TestVcf.hg19().bgzip(dir.resolve("v.vcf.gz")), GenomeBuild.HG19, 4L));
        TestVcf dosages = TestVcf.hg19()
                .snp("20", 100_000, "0|1", "1|1", "0|0", "0|1")
                .line("20\t100500\t.\tA\tG\t.\tPASS\t.\tDS\t0.1\t1.9\t1.0\t0.0");
        examples.put(
                FindingCode.NO_GENOTYPES,
                new Example(dir -> dosages.bgzip(dir.resolve("n.vcf.gz")), GenomeBuild.HG19, dosages.lineOf(1)));
        TestVcf badLine = TestVcf.cleanHg19().line("20\tabc\t.\tA\tG\t.\tPASS\t.\tGT\t0|1\t0|1\t0|1\t0|1");
        examples.put(
                FindingCode.MALFORMED_LINE,
                new Example(dir -> badLine.bgzip(dir.resolve("m.vcf.gz")), GenomeBuild.HG19, badLine.lineOf(5)));
        TestVcf unsorted = TestVcf.cleanHg19().snp("20", 100_200, "0|1", "1|1", "0|0", "0|1");
        examples.put(
                FindingCode.UNSORTED,
                new Example(dir -> unsorted.bgzip(dir.resolve("u.vcf.gz")), GenomeBuild.HG19, unsorted.lineOf(5)));
        TestVcf numeric = TestVcf.withoutLengths().snp("20", 100_000, "0|1", "1|1", "0|0", "0|1");
        examples.put(
                FindingCode.CHROMOSOME_NAMING,
                new Example(dir -> numeric.bgzip(dir.resolve("n.vcf.gz")), GenomeBuild.HG38, null));
        TestVcf beyond = TestVcf.cleanHg19().snp("20", 63_100_000, "0|1", "1|1", "0|0", "0|1");
        examples.put(
                FindingCode.POSITION_OUT_OF_RANGE,
                new Example(dir -> beyond.bgzip(dir.resolve("p.vcf.gz")), GenomeBuild.HG19, beyond.lineOf(5)));
        examples.put(
                FindingCode.BUILD_MISMATCH,
                new Example(dir -> clean.bgzip(dir.resolve("b.vcf.gz")), GenomeBuild.HG38, null));
        TestVcf named =
                TestVcf.withoutLengths().meta("##reference=GRCh37").snp("20", 100_000, "0|1", "1|1", "0|0", "0|1");
        examples.put(
                FindingCode.POSSIBLE_BUILD_MISMATCH,
                new Example(dir -> named.bgzip(dir.resolve("r.vcf.gz")), GenomeBuild.HG38, null));
        TestVcf mitochondrial =
                TestVcf.hg19().meta("##contig=<ID=MT,length=16569>").snp("MT", 150, "0", "1", "0", "1");
        examples.put(
                FindingCode.UNSUPPORTED_CHROMOSOME,
                new Example(dir -> mitochondrial.bgzip(dir.resolve("mt.vcf.gz")), GenomeBuild.HG19, null));
        TestVcf twoChromosomes = TestVcf.cleanHg19()
                .meta("##contig=<ID=21,length=48129895>")
                .snp("21", 100_000, "0|1", "1|1", "0|0", "0|1");
        examples.put(
                FindingCode.MULTIPLE_CHROMOSOMES,
                new Example(dir -> twoChromosomes.bgzip(dir.resolve("two.vcf.gz")), GenomeBuild.HG19, null));
        TestVcf multiallelic = TestVcf.cleanHg19().record("20", 104_000, "A", "G,T", "0|2", "1|1", "0|0", "2|1");
        examples.put(
                FindingCode.MULTIALLELIC_SITES,
                new Example(
                        dir -> multiallelic.bgzip(dir.resolve("ma.vcf.gz")), GenomeBuild.HG19, multiallelic.lineOf(5)));
        TestVcf duplicate = TestVcf.cleanHg19().snp("20", 103_000, "0|1", "0|0", "1|1", "0|1");
        examples.put(
                FindingCode.DUPLICATE_SITES,
                new Example(dir -> duplicate.bgzip(dir.resolve("dup.vcf.gz")), GenomeBuild.HG19, duplicate.lineOf(5)));
        TestVcf illumina = TestVcf.cleanHg19().record("20", 104_000, "I", "D", "0|1", "1|1", "0|0", "0|1");
        examples.put(
                FindingCode.INVALID_ALLELES,
                new Example(dir -> illumina.bgzip(dir.resolve("id.vcf.gz")), GenomeBuild.HG19, illumina.lineOf(5)));
        TestVcf missingSample = TestVcf.hg19()
                .snp("20", 100_000, "0|1", "1|1", "0|0", "./.")
                .snp("20", 100_500, "1|0", "0|0", "0|1", ".|.")
                .snp("20", 101_000, "0|0", "0|1", "1|0", "1|0");
        examples.put(
                FindingCode.HIGH_SAMPLE_MISSINGNESS,
                new Example(dir -> missingSample.bgzip(dir.resolve("ms.vcf.gz")), GenomeBuild.HG19, null));
        TestVcf missingVariant = TestVcf.cleanHg19().snp("20", 104_000, "0|1", ".|.", "0|0", "0|1");
        examples.put(
                FindingCode.HIGH_VARIANT_MISSINGNESS,
                new Example(
                        dir -> missingVariant.bgzip(dir.resolve("mv.vcf.gz")),
                        GenomeBuild.HG19,
                        missingVariant.lineOf(5)));
        TestVcf partlyPhased = TestVcf.cleanHg19().snp("20", 104_000, "0/1", "1|1", "0|0", "0|1");
        examples.put(
                FindingCode.PARTIALLY_PHASED,
                new Example(
                        dir -> partlyPhased.bgzip(dir.resolve("pp.vcf.gz")), GenomeBuild.HG19, partlyPhased.lineOf(5)));
        TestVcf indel = TestVcf.cleanHg19().record("20", 104_000, "A", "AT", "0|1", "1|1", "0|0", "0|1");
        examples.put(
                FindingCode.INDELS,
                new Example(dir -> indel.bgzip(dir.resolve("in.vcf.gz")), GenomeBuild.HG19, indel.lineOf(5)));
        TestVcf deletion = TestVcf.cleanHg19().record("20", 104_000, "A", "<DEL>", "0|1", "1|1", "0|0", "0|1");
        examples.put(
                FindingCode.STRUCTURAL_VARIANTS,
                new Example(dir -> deletion.bgzip(dir.resolve("sv.vcf.gz")), GenomeBuild.HG19, deletion.lineOf(5)));
        TestVcf monomorphic = TestVcf.cleanHg19().snp("20", 104_000, "0|0", "0|0", "0|0", "0|0");
        examples.put(
                FindingCode.MONOMORPHIC_SITES,
                new Example(
                        dir -> monomorphic.bgzip(dir.resolve("mo.vcf.gz")), GenomeBuild.HG19, monomorphic.lineOf(5)));
        TestVcf filtered = TestVcf.cleanHg19().line("20\t104000\t.\tA\tG\t.\tLowQual\t.\tGT\t0|1\t1|1\t0|0\t0|1");
        examples.put(
                FindingCode.FILTERED_SITES,
                new Example(dir -> filtered.bgzip(dir.resolve("f.vcf.gz")), GenomeBuild.HG19, filtered.lineOf(5)));
        return examples;
    }

    /** A bgzipped VCF of 5,000 records, several compressed blocks long. */
    static Path manyRecords(Path dir) {
        return manyRecords().bgzip(dir.resolve("whole.vcf.gz"));
    }

    static TestVcf manyRecords() {
        TestVcf vcf = TestVcf.hg19();
        for (int record = 0; record < 5_000; record++) {
            vcf.snp("20", 100_000 + 10L * record, "0|1", "1|1", "0|0", "0|1");
        }
        return vcf;
    }

    /** {@link #manyRecords} cut off in the middle of a compressed block. */
    static Path truncated(Path dir) {
        byte[] bytes = read(manyRecords(dir));
        return TestVcf.write(dir.resolve("truncated.vcf.gz"), Arrays.copyOf(bytes, bytes.length / 2));
    }

    /** {@link #manyRecords} with its second block's gzip header wiped, while the file still ends properly. */
    static Path corrupted(Path dir) {
        byte[] bytes = read(manyRecords(dir));
        int secondBlock = ((bytes[16] & 0xff) | (bytes[17] & 0xff) << 8) + 1;
        Arrays.fill(bytes, secondBlock, secondBlock + 4, (byte) 0);
        return TestVcf.write(dir.resolve("corrupt.vcf.gz"), bytes);
    }

    static byte[] garbage() {
        byte[] bytes = new byte[4096];
        new Random(7).nextBytes(bytes);
        bytes[0] = 0x13;
        return bytes;
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
