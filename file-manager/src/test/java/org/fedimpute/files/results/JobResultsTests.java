package org.fedimpute.files.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.fedimpute.files.FileApiTestSupport;
import org.fedimpute.files.GeneratedContent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A job's results exported as a CSV listing and as one zip, to whoever may see them. */
class JobResultsTests extends FileApiTestSupport {

    private final UUID owner = UUID.randomUUID();
    private final UUID job = UUID.randomUUID();
    private final byte[] dosage = GeneratedContent.bytes(200_000, 41);
    private final byte[] log = "imputation finished\n".repeat(1000).getBytes(StandardCharsets.UTF_8);
    private final byte[] secondLog = "second run\n".getBytes(StandardCharsets.UTF_8);
    private final Map<String, JsonNode> results = new LinkedHashMap<>();

    @BeforeEach
    void jobProcessorStreamsTheResultsIn() {
        results.put("chr1.dose.vcf.gz", result(owner, job, "chr1.dose.vcf.gz", dosage));
        results.put("job.log", result(owner, job, "job.log", log));
        results.put("job (2).log", result(owner, job, "job.log", secondLog));
        uploaded(researcher(owner), "input.vcf", new byte[10], "jobId", job.toString());
    }

    @Test
    void theListingNamesEachResultWithItsSizeChecksumsAndDownloadPath() {
        HttpResponse<String> csv = get("/api/v1/files/jobs/" + job + "/results.csv", researcher(owner));

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.getFirst()).isEqualTo(JobResultExport.CSV_HEADER);
        assertThat(lines).hasSize(4);
        JsonNode dose = results.get("chr1.dose.vcf.gz");
        assertThat(lines.get(1))
                .startsWith("chr1.dose.vcf.gz,200000," + dose.get("sha256").asString() + ","
                        + dose.get("md5").asString() + ",")
                .endsWith(",/api/v1/files/" + dose.get("id").asString() + "/content");
        assertThat(lines.subList(2, 4)).allSatisfy(line -> assertThat(line).startsWith("job.log,"));
    }

    @Test
    void theZipHoldsEveryResultUnderItsOwnName() throws IOException {
        HttpResponse<byte[]> zip = send(
                request("/api/v1/files/jobs/" + job + "/results.zip", researcher(owner))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(zip.statusCode()).isEqualTo(200);
        assertThat(zip.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(disposition -> assertThat(disposition).contains("results.zip"));
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        assertThat(entries).containsOnlyKeys("chr1.dose.vcf.gz", "job.log", "job (2).log");
        assertThat(entries.get("chr1.dose.vcf.gz")).isEqualTo(dosage);
        assertThat(List.of(entries.get("job.log"), entries.get("job (2).log")))
                .containsExactlyInAnyOrder(log, secondLog);
        assertThat(zip.body().length).isLessThan(dosage.length + log.length);
    }

    @Test
    void anotherUsersJobHasNoResultsWhileAdminsAndServicesSeeThem() {
        assertProblem(get("/api/v1/files/jobs/" + job + "/results.csv", researcher(UUID.randomUUID())), 404);
        assertProblem(get("/api/v1/files/jobs/" + job + "/results.zip", researcher(UUID.randomUUID())), 404);
        assertThat(get("/api/v1/files/jobs/" + job + "/results.csv", admin()).statusCode())
                .isEqualTo(200);
        assertThat(get("/api/v1/files/jobs/" + job + "/results.csv", jobProcessor())
                        .statusCode())
                .isEqualTo(200);
        assertProblem(get("/api/v1/files/jobs/" + UUID.randomUUID() + "/results.csv", admin()), 404);
    }

    @Test
    void aResultGoneFromStorageMakesTheZipNotFoundWithoutItsHeaders() throws IOException {
        Files.delete(storedPath(jdbc.queryForObject(
                "SELECT storage_key FROM files.stored_file WHERE id = ?::uuid",
                String.class,
                results.get("job.log").get("id").asString())));

        HttpResponse<String> zip = get("/api/v1/files/jobs/" + job + "/results.zip", researcher(owner));

        assertProblem(zip, 404);
        assertThat(zip.headers().map()).doesNotContainKey("content-disposition");
        assertThat(body(zip).get("detail").asString()).contains("job.log");
    }
}
