package org.fedimpute.files.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.fedimpute.files.FileApiTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The validator on the upload path: unusable content is refused before anything is kept, a readable file is stored
 * with its report (valid or not) and announced, a large one is validated in the background, and the report is served
 * as it is and as if submitted with another build; uploads and validations are counted by outcome.
 */
@TestPropertySource(
        properties = {"fedimpute.files.validation.on-upload=true", "fedimpute.files.validation.inline-size=16KB"})
class UploadValidationTests extends FileApiTestSupport {

    private static final int VARIANTS = 20_000;

    private final String token = researcher(UUID.randomUUID());

    @TempDir
    Path dir;

    @Autowired
    private MeterRegistry meters;

    @Test
    void aCleanFileIsStoredValidWithItsReportAndAnnounced() throws IOException {
        double valid = validations("VALID");
        double stored = uploads("stored");
        long timed = timedValidations("VALID");
        JsonNode file =
                uploaded(token, "chr20.vcf.gz", bytes(TestVcf.cleanHg19().bgzip(dir.resolve("a.vcf.gz"))));

        assertThat(file.get("validationStatus").asString()).isEqualTo("VALID");
        assertThat(file.get("validationReport").get("variantCount").asLong()).isEqualTo(5);
        assertThat(file.get("validationReport").get("sampleCount").asInt()).isEqualTo(4);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM files.event_outbox WHERE type = 'file.validated' AND subject = ?",
                        Integer.class,
                        file.get("id").asString()))
                .isEqualTo(1);
        assertThat(validations("VALID") - valid).isEqualTo(1);
        assertThat(uploads("stored") - stored).isEqualTo(1);
        assertThat(timedValidations("VALID") - timed)
                .as("validated before the answer, and timed")
                .isEqualTo(1);
    }

    @Test
    void aReadableButFaultyFileIsStoredInvalidWithTheFindingAndItsFix() throws IOException {
        TestVcf unsorted = TestVcf.hg19()
                .snp("20", 200_000, "0|1", "1|1", "0|0", "0|1")
                .snp("20", 100_000, "1|0", "0|0", "0|1", "1|1");
        JsonNode file = uploaded(token, "chr20.vcf.gz", bytes(unsorted.bgzip(dir.resolve("u.vcf.gz"))));

        assertThat(file.get("validationStatus").asString()).isEqualTo("INVALID");
        JsonNode report = body(get("/api/v1/files/" + file.get("id").asString() + "/validation", token));
        assertThat(report.get("verdict").asString()).isEqualTo("INVALID");
        assertThat(codes(report)).contains("UNSORTED");
        assertThat(report.toString()).contains("bcftools sort");
    }

    @Test
    void theReportIsRecomputedForTheBuildAJobWouldDeclare() throws IOException {
        String id = uploaded(token, "chr20.vcf.gz", bytes(TestVcf.cleanHg19().bgzip(dir.resolve("a.vcf.gz"))))
                .get("id")
                .asString();

        JsonNode asHg38 = body(get("/api/v1/files/" + id + "/validation?build=hg38", token));
        assertThat(asHg38.get("verdict").asString()).isEqualTo("INVALID");
        assertThat(codes(asHg38)).contains("BUILD_MISMATCH");
        assertThat(body(get("/api/v1/files/" + id + "/validation?build=GRCh37", token))
                        .get("verdict")
                        .asString())
                .isNotEqualTo("INVALID");
        assertProblem(get("/api/v1/files/" + id + "/validation?build=hg17", token), 400);
        assertProblem(get("/api/v1/files/" + id + "/validation", researcher(UUID.randomUUID())), 404);
    }

    @Test
    void contentThatIsNoGenotypeDataIsRefusedAndNothingIsKept() throws IOException {
        byte[] truncated = bytes(GenotypeValidatorTests.truncated(dir));
        byte[] garbage = GenotypeValidatorTests.garbage();
        byte[] headerOnly = bytes(TestVcf.hg19().bgzip(dir.resolve("h.vcf.gz")));
        List<Path> before = storedFiles();
        UUID owner = UUID.randomUUID();
        double refusedValidations = validations("REFUSED");
        double refusedUploads = uploads("refused");

        for (byte[] content : List.of(truncated, garbage, headerOnly)) {
            HttpResponse<String> refused = upload(researcher(owner), "chr20.vcf.gz", content);
            assertProblem(refused, 422);
            assertThat(body(refused).get("findings")).isNotEmpty();
        }
        assertThat(body(upload(researcher(owner), "chr20.vcf.gz", truncated))
                        .get("detail")
                        .asString())
                .contains("interrupted");
        assertThat(recordsOf(owner)).isZero();
        assertThat(storedFiles()).isEqualTo(before);
        assertThat(validations("REFUSED") - refusedValidations).isEqualTo(4);
        assertThat(uploads("refused") - refusedUploads).isEqualTo(4);
        assertThat(validations("VALID_WITH_WARNINGS"))
                .as("registered before any happened")
                .isNotNegative();
    }

    private long timedValidations(String verdict) {
        var timer = meters.find(ValidationRunner.TIMER).tag("verdict", verdict).timer();
        return timer == null ? 0 : timer.count();
    }

    private double validations(String outcome) {
        return meters.get("fedimpute.files.upload.validations")
                .tag("outcome", outcome)
                .counter()
                .count();
    }

    private double uploads(String outcome) {
        return meters.get("fedimpute.files.uploads")
                .tags("outcome", outcome, "kind", "INPUT")
                .counter()
                .count();
    }

    @Test
    void aLargeFileIsAcceptedAtOnceAndValidatedInTheBackground() throws IOException {
        TestVcf many = TestVcf.hg19();
        Random random = new Random(20);
        String[] genotypes = {"0|0", "0|1", "1|0", "1|1"};
        for (int i = 0; i < VARIANTS; i++) {
            many.snp(
                    "20",
                    100_000 + i * 10L,
                    genotypes[random.nextInt(4)],
                    genotypes[random.nextInt(4)],
                    genotypes[random.nextInt(4)],
                    genotypes[random.nextInt(4)]);
        }
        Path content = many.bgzip(dir.resolve("many.vcf.gz"));
        assertThat(Files.size(content)).as("beyond the inline size").isGreaterThan(16 * 1024);

        JsonNode file = uploaded(token, "chr20.vcf.gz", bytes(content));
        String id = file.get("id").asString();

        await().atMost(Duration.ofSeconds(30))
                .until(() -> body(get("/api/v1/files/" + id, token))
                        .get("validationStatus")
                        .asString()
                        .equals("VALID"));
        assertThat(body(get("/api/v1/files/" + id + "/validation", token))
                        .get("variantCount")
                        .asLong())
                .isEqualTo(VARIANTS);
    }

    @Test
    void filesThatAreNotGenotypeDataAreNotValidated() {
        JsonNode zip = uploaded(token, "results.zip", new byte[] {'P', 'K', 3, 4, 0, 0});

        assertThat(zip.get("validationStatus").asString()).isEqualTo("NOT_APPLICABLE");
        assertProblem(get("/api/v1/files/" + zip.get("id").asString() + "/validation", token), 404);
    }

    private static List<String> codes(JsonNode report) {
        return report.get("findings")
                .valueStream()
                .map(finding -> finding.get("code").asString())
                .toList();
    }

    private static byte[] bytes(Path file) throws IOException {
        return Files.readAllBytes(file);
    }
}
