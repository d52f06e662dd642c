package org.fedimpute.files.uploads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.fedimpute.files.FileApiTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A stop of file-manager while a file was being validated in the background leaves the file PENDING with no report;
 * the next start validates it again, and a validation run twice (two instances starting) is recorded once.
 */
@TestPropertySource(
        properties = {"fedimpute.files.validation.on-upload=true", "fedimpute.files.validation.inline-size=16KB"})
class ValidationResumeTests extends FileApiTestSupport {

    private static final String VCF = """
            ##fileformat=VCFv4.2
            ##contig=<ID=20,length=63025520>
            ##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">
            #CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\tS2\tS3\tS4
            20\t100000\t.\tA\tG\t.\tPASS\t.\tGT\t0|1\t1|1\t0|0\t0|1
            20\t200000\t.\tC\tT\t.\tPASS\t.\tGT\t0|0\t0|1\t1|1\t0|1
            20\t300000\t.\tG\tA\t.\tPASS\t.\tGT\t1|1\t0|0\t0|1\t0|0
            """;

    @Autowired
    private UploadValidation validation;

    @Test
    void aValidationCutShortByAStopIsRunAgainAtTheNextStartAndRecordedOnce() {
        JsonNode uploaded = uploaded(researcher(UUID.randomUUID()), "chr20.vcf", VCF.getBytes(StandardCharsets.UTF_8));
        String id = uploaded.get("id").asString();
        String verdict = uploaded.get("validationStatus").asString();
        assertThat(verdict).isIn("VALID", "INVALID");
        // The state a stop during a background validation leaves behind.
        jdbc.update(
                "UPDATE files.stored_file SET validation_status = 'PENDING', validation_report = NULL WHERE id = ?::uuid",
                id);

        validation.resumeUnfinished();
        validation.resumeUnfinished();

        await().atMost(Duration.ofSeconds(20)).until(() -> !"PENDING".equals(status(id)));
        assertThat(status(id)).isEqualTo(verdict);
        assertThat(jdbc.queryForObject(
                        "SELECT validation_report ->> 'variantCount' FROM files.stored_file WHERE id = ?::uuid",
                        String.class,
                        id))
                .isEqualTo("3");
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.queryForObject(
                                "SELECT count(*) FROM files.event_outbox WHERE type = 'file.validated' AND subject = ?",
                                Integer.class,
                                id)
                        == 2);
    }

    private String status(String id) {
        return jdbc.queryForObject(
                "SELECT validation_status FROM files.stored_file WHERE id = ?::uuid", String.class, id);
    }
}
