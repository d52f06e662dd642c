package org.fedimpute.files.uploads;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fedimpute.files.FileApiTestSupport;
import org.fedimpute.files.GeneratedContent;
import org.fedimpute.files.Multipart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** Plain multipart uploads and results streamed in by job-processor: what is stored, and what is refused. */
class PlainUploadTests extends FileApiTestSupport {

    private final UUID owner = UUID.randomUUID();
    private final String token = researcher(owner);

    @Test
    void anUploadIsStoredUnderAGeneratedKeyWithItsChecksumsAndAnnounced() throws Exception {
        byte[] content = GeneratedContent.bytes(150_000, 1);
        UUID job = UUID.randomUUID();

        HttpResponse<String> response = upload(
                token,
                "cohort/chr20.vcf.gz",
                content,
                "jobId",
                job.toString(),
                "declaredBuild",
                "GRCh38",
                "service",
                "roomy");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode file = body(response);
        String id = file.get("id").asString();
        assertThat(response.headers().firstValue("Location")).hasValue("/api/v1/files/" + id);
        assertThat(file.get("fileName").asString()).isEqualTo("chr20.vcf.gz");
        assertThat(file.get("sizeBytes").asLong()).isEqualTo(content.length);
        assertThat(file.get("sha256").asString()).isEqualTo(hex("SHA-256", content));
        assertThat(file.get("md5").asString()).isEqualTo(hex("MD5", content));
        assertThat(file.get("ownerId").asString()).isEqualTo(owner.toString());
        assertThat(file.get("jobId").asString()).isEqualTo(job.toString());
        assertThat(file.get("kind").asString()).isEqualTo("INPUT");
        assertThat(file.get("contentType").asString()).isEqualTo("application/gzip");
        assertThat(file.get("declaredBuild").asString()).isEqualTo("GRCh38");
        assertThat(file.get("service").asString()).isEqualTo("roomy");
        assertThat(file.get("validationStatus").asString()).isEqualTo("PENDING");

        String key =
                jdbc.queryForObject("SELECT storage_key FROM files.stored_file WHERE id = ?::uuid", String.class, id);
        assertThat(key).doesNotContain("chr20").matches("[0-9a-f-]{36}");
        try (InputStream stored = storage.read(key, 0, -1)) {
            assertThat(stored.readAllBytes()).isEqualTo(content);
        }
        assertThat(jdbc.queryForList("SELECT type FROM files.event_outbox WHERE subject = ?", String.class, id))
                .containsExactly("file.uploaded");
    }

    @Test
    void onlyGenotypeDataAwaitsValidation() {
        JsonNode zip = uploaded(token, "results.zip", GeneratedContent.bytes(1000, 2));
        assertThat(zip.get("validationStatus").asString()).isEqualTo("NOT_APPLICABLE");
        assertThat(zip.get("contentType").asString()).isEqualTo("application/zip");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../etc/cron.d/evil.vcf", "/etc/passwd.vcf", "C:\\evil.vcf", "notes.exe", "x.tar"})
    void aBadFileNameIsRefusedNamingTheFieldAndNothingIsStored(String fileName) throws Exception {
        List<Path> before = storedFiles();

        HttpResponse<String> response = upload(token, fileName, GeneratedContent.bytes(100, 3));

        assertThat(badField(response)).isEqualTo("file");
        assertThat(recordsOf(owner)).isZero();
        assertThat(storedFiles()).isEqualTo(before);
    }

    @Test
    void anEmptyFileIsRefusedAndNothingIsStored() throws Exception {
        List<Path> before = storedFiles();

        HttpResponse<String> response = upload(token, "empty.vcf", new byte[0]);

        assertThat(badField(response)).isEqualTo("file");
        assertThat(body(response).get("errors").get(0).get("message").asString())
                .contains("empty");
        assertThat(recordsOf(owner)).isZero();
        assertThat(storedFiles()).isEqualTo(before);
    }

    @Test
    void aFileOverTheTiersLimitIsRefusedWhileStreamingAndNothingIsStored() throws Exception {
        List<Path> before = storedFiles();

        HttpResponse<String> response = upload(token, "big.vcf", new byte[(int) FREE_PLAIN_LIMIT + 10_000]);

        assertProblem(response, 413);
        assertThat(body(response).get("maxBytes").asLong()).isEqualTo(FREE_PLAIN_LIMIT);
        assertThat(recordsOf(owner)).isZero();
        assertThat(storedFiles()).isEqualTo(before);
    }

    @Test
    void aPremiumTierHasItsOwnLimit() {
        UUID premiumUser = UUID.randomUUID();
        JsonNode file = uploaded(premium(premiumUser), "big.vcf", new byte[(int) FREE_PLAIN_LIMIT + 10_000]);
        assertThat(file.get("sizeBytes").asLong()).isEqualTo(FREE_PLAIN_LIMIT + 10_000);
    }

    @Test
    void aFileMeantForAServiceIsHeldToThatServicesSmallerLimit() throws Exception {
        List<Path> before = storedFiles();

        HttpResponse<String> response = upload(token, "chr1.vcf", GeneratedContent.bytes(5000, 4), "service", "small");

        assertProblem(response, 413);
        assertThat(body(response).get("maxBytes").asLong()).isEqualTo(SMALL_SERVICE_LIMIT);
        assertThat(recordsOf(owner)).isZero();
        assertThat(storedFiles()).isEqualTo(before);
        assertThat(upload(token, "chr1.vcf", GeneratedContent.bytes(1024, 4), "service", "small")
                        .statusCode())
                .isEqualTo(201);
    }

    @Test
    void anUnknownServiceIsRefusedAndAnUnreachableRegistryLeavesTheTierLimit() {
        assertThat(badField(upload(token, "chr1.vcf", GeneratedContent.bytes(10, 5), "service", "gone")))
                .isEqualTo("service");
        assertThat(badField(upload(token, "chr1.vcf", GeneratedContent.bytes(10, 5), "service", "Not A Slug")))
                .isEqualTo("service");
        assertThat(upload(token, "chr1.vcf", GeneratedContent.bytes(5000, 5), "service", "broken")
                        .statusCode())
                .isEqualTo(201);
    }

    @Test
    void uploadsBeyondTheQuotaAreRefusedUntilSpaceIsFreed() throws Exception {
        JsonNode first = uploaded(token, "a.vcf", new byte[3 << 20]);
        uploaded(token, "b.vcf", new byte[3 << 20]);
        List<Path> before = storedFiles();

        HttpResponse<String> refused = upload(token, "c.vcf", new byte[3 << 20]);

        assertProblem(refused, 403);
        assertThat(body(refused).get("usedBytes").asLong()).isEqualTo(6L << 20);
        assertThat(body(refused).get("quotaBytes").asLong()).isEqualTo(FREE_QUOTA);
        assertThat(recordsOf(owner)).isEqualTo(2);
        assertThat(storedFiles()).isEqualTo(before);

        assertThat(send(request("/api/v1/files/" + first.get("id").asString(), token)
                                .DELETE()
                                .build())
                        .statusCode())
                .isEqualTo(204);
        assertThat(upload(token, "c.vcf", new byte[3 << 20]).statusCode()).isEqualTo(201);
    }

    @Test
    void fieldsMustComeBeforeTheFileAndBeKnown() throws Exception {
        List<Path> before = storedFiles();
        Multipart late = new Multipart();
        HttpResponse<String> fieldAfterFile = send(request("/api/v1/files", token)
                .header("Content-Type", late.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(
                        late.fileThenField("chr1.vcf", GeneratedContent.bytes(500, 6), Map.entry("kind", "TEMP"))))
                .build());

        assertThat(badField(fieldAfterFile)).isEqualTo("kind");
        assertThat(badField(upload(token, "chr1.vcf", new byte[10], "colour", "blue")))
                .isEqualTo("colour");
        assertThat(badField(upload(token, "chr1.vcf", new byte[10], "kind", "RESULT")))
                .isEqualTo("kind");
        assertThat(badField(upload(token, "chr1.vcf", new byte[10], "jobId", "42")))
                .isEqualTo("jobId");
        assertThat(recordsOf(owner)).isZero();
        assertThat(storedFiles()).isEqualTo(before);
    }

    @Test
    void aRequestWithoutAFileOrNotMultipartIsRefused() {
        Multipart fieldsOnly = new Multipart().field("kind", "INPUT");
        byte[] body = fieldsOnly.file("x.vcf", new byte[1]);
        String withoutFile = new String(body, java.nio.charset.StandardCharsets.ISO_8859_1)
                .replace("name=\"file\"", "name=\"other\"");
        HttpResponse<String> noFile = send(request("/api/v1/files", token)
                .header("Content-Type", fieldsOnly.contentType())
                .POST(HttpRequest.BodyPublishers.ofString(withoutFile, java.nio.charset.StandardCharsets.ISO_8859_1))
                .build());
        assertThat(badField(noFile)).isEqualTo("other");

        HttpResponse<String> truncated = send(request("/api/v1/files", token)
                .header("Content-Type", fieldsOnly.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(java.util.Arrays.copyOf(body, 40)))
                .build());
        assertProblem(truncated, 400);
        assertThat(recordsOf(owner)).isZero();
    }

    @Test
    void aFileAnUploadCheckRefusesLeavesNothingBehind() throws Exception {
        List<Path> before = storedFiles();

        HttpResponse<String> refused = upload(token, REFUSED_BY_CHECK + ".vcf.gz", GeneratedContent.bytes(5000, 9));

        assertProblem(refused, 422);
        assertThat(recordsOf(owner)).isZero();
        assertThat(storedFiles()).isEqualTo(before);
    }

    @Test
    void aServiceTokenCannotUploadAsAUser() {
        assertProblem(upload(jobProcessor(), "chr1.vcf", new byte[10]), 403);
    }

    @Test
    void resultsStreamedInByJobProcessorCountAgainstTheQuotaWithoutBeingRefusedByIt() throws Exception {
        UUID job = UUID.randomUUID();
        byte[] large = GeneratedContent.bytes((int) FREE_QUOTA + 1000, 8);

        JsonNode stored = result(owner, job, "chr1.dose.vcf.gz", large);

        assertThat(stored.get("kind").asString()).isEqualTo("RESULT");
        assertThat(stored.get("ownerId").asString()).isEqualTo(owner.toString());
        assertThat(stored.get("sha256").asString()).isEqualTo(hex("SHA-256", large));
        assertThat(stored.get("validationStatus").asString()).isEqualTo("NOT_APPLICABLE");
        assertProblem(upload(token, "chr2.vcf", new byte[10]), 403);
    }

    @Test
    void onlyPlatformServicesStreamResultsInAndOnlyResultsOrTemporaryFiles() {
        UUID job = UUID.randomUUID();
        HttpRequest.Builder asResearcher = request(
                        "/internal/files?ownerId=" + owner + "&jobId=" + job + "&name=r.txt", token)
                .header("Content-Type", "application/octet-stream");
        assertProblem(
                send(asResearcher
                        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[10]))
                        .build()),
                403);

        assertThat(badField(internal("ownerId=" + owner + "&jobId=" + job + "&name=r.txt&kind=INPUT")))
                .isEqualTo("kind");
        assertThat(badField(internal("ownerId=" + owner + "&name=r.txt"))).isEqualTo("jobId");
        assertThat(badField(internal("ownerId=" + owner + "&jobId=" + job + "&name=../r.txt")))
                .isEqualTo("name");
        assertThat(recordsOf(owner)).isZero();
    }

    private HttpResponse<String> internal(String query) {
        return send(request("/internal/files?" + query, jobProcessor())
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[10]))
                .build());
    }

    private static String hex(String algorithm, byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
    }
}
