package org.fedimpute.files.uploads;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.fedimpute.files.FileApiTestSupport;
import org.fedimpute.files.GeneratedContent;
import org.fedimpute.test.security.TestJwtIssuer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Resumable uploads over tus 1.0: interrupted and resumed, owned, checked up front and again at completion. */
class ResumableUploadTests extends FileApiTestSupport {

    private static final String UPLOADS = "/api/v1/files/uploads";

    private final UUID owner = UUID.randomUUID();
    private final String token = researcher(owner);

    @Test
    void anUploadInterruptedMidRequestAndResumedGivesTheSameChecksum() throws Exception {
        byte[] content = GeneratedContent.bytes(3_000_000, 11);
        String upload = create(token, content.length, Map.of("filename", "chr22.vcf.gz", "declaredBuild", "GRCh37"));

        patch(token, upload, 0, Arrays.copyOfRange(content, 0, 1_000_000), 204);
        interruptedPatch(upload, 1_000_000, Arrays.copyOfRange(content, 1_000_000, content.length), 700_000);
        long offset = offset(token, upload);
        assertThat(offset).isBetween(1_000_000L, (long) content.length - 1);

        HttpResponse<String> last =
                patch(token, upload, offset, Arrays.copyOfRange(content, (int) offset, content.length), 204);

        String fileLocation = last.headers().firstValue("Content-Location").orElseThrow();
        JsonNode file = body(get(fileLocation, token));
        assertThat(file.get("sha256").asString()).isEqualTo(hex("SHA-256", content));
        assertThat(file.get("md5").asString()).isEqualTo(hex("MD5", content));
        assertThat(file.get("sizeBytes").asLong()).isEqualTo(content.length);
        assertThat(file.get("fileName").asString()).isEqualTo("chr22.vcf.gz");
        assertThat(file.get("declaredBuild").asString()).isEqualTo("GRCh37");
        assertThat(file.get("validationStatus").asString()).isEqualTo("PENDING");
    }

    @Test
    void askedAgainAfterCompletionTheUploadSaysItIsCompleteAndNamesItsFile() {
        byte[] content = GeneratedContent.bytes(5000, 12);
        String upload = create(token, content.length, Map.of("filename", "a.bcf"));
        String fileLocation = patch(token, upload, 0, content, 204)
                .headers()
                .firstValue("Content-Location")
                .orElseThrow();

        HttpResponse<String> head = head(token, upload);

        assertThat(head.statusCode()).isEqualTo(204);
        assertThat(head.headers().firstValue("Upload-Offset")).hasValue("5000");
        assertThat(head.headers().firstValue("Upload-Length")).hasValue("5000");
        assertThat(head.headers().firstValue("Content-Location")).hasValue(fileLocation);
        assertThat(recordsOf(owner)).isEqualTo(1);
    }

    @Test
    void anotherUsersUploadIsNotFound() {
        String upload = create(token, 100, Map.of("filename", "a.vcf"));
        String stranger = researcher(UUID.randomUUID());

        assertThat(head(stranger, upload).statusCode()).isEqualTo(404);
        assertThat(patch(stranger, upload, 0, new byte[100], 404).statusCode()).isEqualTo(404);
        assertThat(send(tus(stranger, upload).DELETE().build()).statusCode()).isEqualTo(404);
        assertThat(offset(token, upload)).isZero();
    }

    @Test
    void anAbandonedUploadIsGoneAfterItsOwnerDeletesIt() {
        String upload = create(token, 100, Map.of("filename", "a.vcf"));
        assertThat(send(tus(token, upload).DELETE().build()).statusCode()).isEqualTo(204);
        assertThat(head(token, upload).statusCode()).isEqualTo(404);
    }

    @Test
    void anUploadIsCheckedWhenItIsCreated() {
        assertThat(badField(creation(token, 0, Map.of("filename", "a.vcf")))).isEqualTo("Upload-Length");
        assertThat(badField(creation(token, 100, Map.of("filename", "../a.vcf"))))
                .isEqualTo("filename");
        assertThat(badField(creation(token, 100, Map.of("filename", "a.exe")))).isEqualTo("filename");
        assertThat(badField(creation(token, 100, Map.of()))).isEqualTo("filename");
        assertThat(badField(creation(token, 100, Map.of("filename", "a.vcf", "service", "gone"))))
                .isEqualTo("service");
        HttpResponse<String> deferred = send(tus(token, UPLOADS)
                .header("Upload-Defer-Length", "1")
                .header("Upload-Metadata", metadata(Map.of("filename", "a.vcf")))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(badField(deferred)).isEqualTo("Upload-Length");

        assertProblem(creation(token, 65L << 20, Map.of("filename", "a.vcf")), 413);
        assertProblem(creation(token, 2000, Map.of("filename", "a.vcf", "service", "small")), 413);
        assertProblem(creation(token, FREE_QUOTA + 1, Map.of("filename", "a.vcf")), 403);
        assertThat(recordsOf(owner)).isZero();
    }

    @Test
    void theQuotaIsCheckedAgainWhenAnUploadCompletes() {
        byte[] content = new byte[5 << 20];
        String first = create(token, content.length, Map.of("filename", "a.vcf"));
        String second = create(token, content.length, Map.of("filename", "b.vcf"));
        patch(token, first, 0, content, 204);

        HttpResponse<String> refused = patch(token, second, 0, content, 403);

        assertProblem(refused, 403);
        assertThat(recordsOf(owner)).isEqualTo(1);
        assertThat(head(token, second).statusCode()).isEqualTo(404);
    }

    @Test
    void anUploadRefusedByACheckWhenItCompletesIsGoneEntirely() {
        String upload = create(token, 100, Map.of("filename", REFUSED_BY_CHECK + ".vcf"));

        assertProblem(patch(token, upload, 0, new byte[100], 422), 422);

        assertThat(recordsOf(owner)).isZero();
        assertThat(head(token, upload).statusCode()).isEqualTo(404);
    }

    @Test
    void aPatchMustSayHowLongItIs() {
        String upload = create(token, 100, Map.of("filename", "a.vcf"));
        HttpResponse<String> chunked = send(tus(token, upload)
                .header("Content-Type", "application/offset+octet-stream")
                .header("Upload-Offset", "0")
                .method(
                        "PATCH",
                        HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[100])))
                .build());
        assertProblem(chunked, 411);
    }

    @Test
    void anUploadStoredByARequestThatStoppedBeforeRemovingItsTusCopyIsAnsweredAsFinished() {
        String upload = create(token, 4, Map.of("filename", "a.vcf"));
        patch(token, upload, 0, new byte[] {1, 2, 3}, 204);
        // What a request that stored the file and died before removing the tus copy leaves behind.
        UUID stored = UUID.randomUUID();
        jdbc.update(
                "INSERT INTO files.stored_file (id, owner_id, kind, file_name, storage_key, content_type, size_bytes,"
                        + " sha256, md5, status, validation_status, upload_id, created_at, stored_at, expires_at)"
                        + " VALUES (?, ?, 'INPUT', 'a.vcf', ?, 'text/plain', 4, ?, ?, 'STORED', 'NOT_APPLICABLE', ?,"
                        + " now(), now(), now() + interval '1 day')",
                stored,
                owner,
                "k" + stored,
                "0".repeat(64),
                "0".repeat(32),
                upload.substring(upload.lastIndexOf('/') + 1));

        HttpResponse<String> last = patch(token, upload, 3, new byte[] {4}, 204);

        assertThat(last.headers().firstValue("Content-Location")).hasValue("/api/v1/files/" + stored);
        assertThat(head(token, upload).headers().firstValue("Content-Location"))
                .as("asked again: the tus copy is gone and the file is named")
                .hasValue("/api/v1/files/" + stored);
        assertThat(recordsOf(owner)).isEqualTo(1);
    }

    @Test
    void anUploadHeldByARequestThatDiedWhileStoringItIsTakenOverOnceItMadeNoProgressForAWhileAndNotBefore() {
        String upload = create(token, 4, Map.of("filename", "a.vcf"));
        String uploadId = upload.substring(upload.lastIndexOf('/') + 1);
        patch(token, upload, 0, new byte[] {1, 2, 3}, 204);
        UUID halfStored = UUID.randomUUID();
        // What a request storing the completed upload leaves when it dies: a record still UPLOADING.
        jdbc.update(
                "INSERT INTO files.stored_file (id, owner_id, kind, file_name, storage_key, content_type, status,"
                        + " validation_status, upload_id, created_at, expires_at) VALUES (?, ?, 'INPUT', 'a.vcf', ?,"
                        + " 'text/plain', 'UPLOADING', 'NOT_APPLICABLE', ?, now(), now() + interval '1 day')",
                halfStored,
                owner,
                "k" + halfStored,
                uploadId);

        HttpResponse<String> whileItMayStillBeWorking = patch(token, upload, 3, new byte[] {4}, 409);
        assertProblem(whileItMayStillBeWorking, 409);

        jdbc.update(
                "UPDATE files.stored_file SET created_at = now() - interval '2 hours', progress_at = now() WHERE id = ?",
                halfStored);
        assertThat(send(tus(token, upload).HEAD().build()).statusCode())
                .as("an old request that still makes progress keeps the upload")
                .isEqualTo(409);

        jdbc.update(
                "UPDATE files.stored_file SET progress_at = now() - interval '11 minutes' WHERE id = ?", halfStored);
        HttpResponse<String> afterItWentStale = send(tus(token, upload).HEAD().build());

        assertThat(afterItWentStale.statusCode()).isEqualTo(204);
        String location =
                afterItWentStale.headers().firstValue("Content-Location").orElseThrow();
        assertThat(location).isNotEqualTo("/api/v1/files/" + halfStored);
        assertThat(body(get(location, token)).get("sizeBytes").asLong()).isEqualTo(4);
        assertThat(jdbc.queryForList(
                        "SELECT status FROM files.stored_file WHERE id = ? AND upload_id IS NULL",
                        String.class,
                        halfStored))
                .as("the dead request's record is marked for retention to remove, content and all")
                .containsExactly("DELETING");
    }

    @Test
    void aMethodOverrideOnAReadingRequestIsRefusedSoAReadOnlyKeyCannotWrite() {
        String readOnlyKey = TestJwtIssuer.get().apiKey(owner, "RESEARCHER", List.of("files:read"));
        String upload = create(token, 100, Map.of("filename", "a.vcf"));

        HttpResponse<String> creation = send(tus(readOnlyKey, UPLOADS)
                .header("X-HTTP-Method-Override", "POST")
                .header("Upload-Length", "100")
                .header("Upload-Metadata", metadata(Map.of("filename", "b.vcf")))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(badField(creation)).isEqualTo("X-HTTP-Method-Override");
        assertThat(creation.headers().firstValue("Location")).isEmpty();

        HttpResponse<String> termination = send(tus(readOnlyKey, upload)
                .header("X-HTTP-Method-Override", "DELETE")
                .HEAD()
                .build());
        assertThat(termination.statusCode()).isEqualTo(400);
        assertThat(offset(token, upload)).as("the upload is still there").isZero();
        assertProblem(
                send(tus(readOnlyKey, upload)
                        .header("Content-Type", "application/offset+octet-stream")
                        .header("Upload-Offset", "0")
                        .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(new byte[100]))
                        .build()),
                403);
    }

    @Test
    void anUploadRouteCalledWithoutATokenIsA401EvenWhereItLooksLikeAPublicPath() {
        HttpResponse<String> response = send(request(UPLOADS + "/download", null)
                .header("Tus-Resumable", "1.0.0")
                .DELETE()
                .build());
        assertProblem(response, 401);
    }

    private String create(String token, long length, Map<String, String> metadata) {
        HttpResponse<String> created = creation(token, length, metadata);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return created.headers().firstValue("Location").orElseThrow();
    }

    private HttpResponse<String> creation(String token, long length, Map<String, String> metadata) {
        return send(tus(token, UPLOADS)
                .header("Upload-Length", Long.toString(length))
                .header("Upload-Metadata", metadata(metadata))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    }

    private HttpResponse<String> patch(String token, String upload, long offset, byte[] bytes, int expected) {
        HttpResponse<String> response = send(tus(token, upload)
                .header("Content-Type", "application/offset+octet-stream")
                .header("Upload-Offset", Long.toString(offset))
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
        return response;
    }

    /** A PATCH whose client fails after sending {@code sent} of the bytes it announced, cutting the connection. */
    private void interruptedPatch(String upload, long offset, byte[] bytes, int sent) {
        HttpRequest request = tus(token, upload)
                .header("Content-Type", "application/offset+octet-stream")
                .header("Upload-Offset", Long.toString(offset))
                .method(
                        "PATCH",
                        HttpRequest.BodyPublishers.fromPublisher(
                                HttpRequest.BodyPublishers.ofInputStream(() -> new FailingAfter(bytes, sent)),
                                bytes.length))
                .build();
        try {
            java.net.http.HttpClient.newHttpClient()
                    .sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .join();
            throw new AssertionError("The interrupted PATCH went through");
        } catch (CompletionException interrupted) {
            assertThat(interrupted).hasRootCauseInstanceOf(IOException.class);
        }
    }

    /** The upload's offset, once no interrupted request holds it any more. */
    private long offset(String token, String upload) {
        HttpResponse<String> head = Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> head(token, upload), response -> response.statusCode() != 423);
        assertThat(head.statusCode()).isEqualTo(204);
        return Long.parseLong(head.headers().firstValue("Upload-Offset").orElseThrow());
    }

    private HttpResponse<String> head(String token, String upload) {
        return send(tus(token, upload).HEAD().build());
    }

    private HttpRequest.Builder tus(String token, String path) {
        return request(path, token).header("Tus-Resumable", "1.0.0");
    }

    private static String metadata(Map<String, String> entries) {
        return new LinkedHashMap<>(entries)
                .entrySet().stream()
                        .map(entry -> entry.getKey() + " "
                                + Base64.getEncoder()
                                        .encodeToString(entry.getValue().getBytes(StandardCharsets.UTF_8)))
                        .collect(Collectors.joining(","));
    }

    private static String hex(String algorithm, byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
    }

    /** Gives {@code sent} bytes, then fails as a client whose network dropped would. */
    private static final class FailingAfter extends InputStream {

        private final InputStream bytes;
        private int left;

        FailingAfter(byte[] bytes, int sent) {
            this.bytes = new ByteArrayInputStream(bytes);
            this.left = sent;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left == 0) {
                throw new IOException("The network dropped");
            }
            int read = bytes.read(buffer, offset, Math.min(length, left));
            left -= read;
            return read;
        }
    }
}
