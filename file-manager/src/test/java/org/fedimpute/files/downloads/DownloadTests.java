package org.fedimpute.files.downloads;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.fedimpute.files.FileApiTestSupport;
import org.fedimpute.files.GeneratedContent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Downloads with a token and through signed links, whole and by range; another user's file does not exist. */
class DownloadTests extends FileApiTestSupport {

    private final UUID owner = UUID.randomUUID();
    private final String token = researcher(owner);
    private final byte[] content = GeneratedContent.bytes(100_000, 21);
    private String fileId;
    private String sha256;

    @BeforeEach
    void aStoredFile() {
        JsonNode file = uploaded(token, "cohort/Ünïcode chr1.vcf.gz", content);
        fileId = file.get("id").asString();
        sha256 = file.get("sha256").asString();
    }

    @Test
    void theOwnerDownloadsTheWholeFileWithItsChecksumAsEntityTag() {
        HttpResponse<byte[]> response = download("/api/v1/files/" + fileId + "/content", token, null, null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(content);
        assertThat(response.headers().firstValue("ETag")).hasValue("\"" + sha256 + "\"");
        assertThat(response.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/gzip");
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(disposition -> assertThat(disposition)
                        .startsWith("attachment")
                        .contains("UTF-8''%C3%9Cn%C3%AFcode%20chr1.vcf.gz"));
    }

    @Test
    void aRangeIsAnsweredWithThosePartsOfTheFileOnly() {
        String path = "/api/v1/files/" + fileId + "/content";

        HttpResponse<byte[]> middle = download(path, token, "bytes=1000-1999", null);
        assertThat(middle.statusCode()).isEqualTo(206);
        assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(content, 1000, 2000));
        assertThat(middle.headers().firstValue("Content-Range")).hasValue("bytes 1000-1999/100000");
        assertThat(middle.headers().firstValueAsLong("Content-Length")).hasValue(1000);

        HttpResponse<byte[]> tail = download(path, token, "bytes=-10", null);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(content, 99_990, 100_000));

        HttpResponse<byte[]> rest = download(path, token, "bytes=99000-", "\"" + sha256 + "\"");
        assertThat(rest.statusCode()).isEqualTo(206);
        assertThat(rest.body()).isEqualTo(Arrays.copyOfRange(content, 99_000, 100_000));

        HttpResponse<byte[]> changed = download(path, token, "bytes=99000-", "\"another-version\"");
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.body()).isEqualTo(content);

        HttpResponse<byte[]> several = download(path, token, "bytes=0-1,5-6", null);
        assertThat(several.statusCode()).isEqualTo(200);

        HttpResponse<String> beyond =
                send(request(path, token).header("Range", "bytes=100000-").GET().build());
        assertProblem(beyond, 416);
        assertThat(beyond.headers().firstValue("Content-Range")).hasValue("bytes */100000");
    }

    @Test
    void anotherUsersFileIsNotFoundAnywhere() {
        String stranger = researcher(UUID.randomUUID());
        String file = "/api/v1/files/" + fileId;

        assertProblem(get(file, stranger), 404);
        assertProblem(get(file + "/content", stranger), 404);
        assertProblem(
                send(request(file + "/links", stranger)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build()),
                404);
        assertProblem(send(request(file, stranger).DELETE().build()), 404);
        assertThat(get(file, token).statusCode()).isEqualTo(200);
    }

    @Test
    void adminsAndPlatformServicesReadAnyonesFile() {
        assertThat(download("/api/v1/files/" + fileId + "/content", admin(), null, null)
                        .body())
                .isEqualTo(content);
        assertThat(download("/api/v1/files/" + fileId + "/content", jobProcessor(), null, null)
                        .body())
                .isEqualTo(content);
    }

    @Test
    void aSignedLinkDownloadsWithoutATokenAndByRangeUntilItExpires() {
        JsonNode link = link(token, "{\"expiresInSeconds\":600}");
        String url = link.get("url").asString();
        assertThat(URI.create(url).getPath()).isEqualTo("/api/v1/files/" + fileId + "/download");
        assertThat(url).contains("user=" + owner);

        assertThat(download(url, null, null, null).body()).isEqualTo(content);
        HttpResponse<byte[]> part = download(url, null, "bytes=0-99", null);
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(Arrays.copyOf(content, 100));

        clock.advance(Duration.ofSeconds(601));
        HttpResponse<String> expired = get(url, null);
        assertProblem(expired, 403);
        assertThat(body(expired).get("detail").asString()).contains("expired");
    }

    @Test
    void aTamperedLinkIsRefused() {
        String url = link(token, null).get("url").asString();
        String otherFile = uploaded(token, "other.vcf", new byte[10]).get("id").asString();

        assertProblem(get(url.replace(fileId, otherFile), null), 403);
        assertProblem(get(url.replace("user=" + owner, "user=" + UUID.randomUUID()), null), 403);
        assertProblem(get(url.replaceAll("expires=\\d+", "expires=99999999999"), null), 403);
        assertProblem(get(url.replaceAll("signature=[^&]+", "signature=AAAA"), null), 403);
        assertProblem(get(url.replaceAll("&signature=[^&]+", ""), null), 403);
    }

    @Test
    void aLinkIsLimitedToSevenDaysAndStopsWorkingWhenTheFileIsDeleted() {
        assertThat(badField(send(request("/api/v1/files/" + fileId + "/links", token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"expiresInSeconds\":604801}"))
                        .build())))
                .isEqualTo("expiresInSeconds");
        JsonNode week = link(token, "{\"expiresInSeconds\":604800}");
        String url = week.get("url").asString();

        assertThat(send(request("/api/v1/files/" + fileId, token).DELETE().build())
                        .statusCode())
                .isEqualTo(204);

        assertProblem(get(url, null), 404);
    }

    @Test
    void contentGoneFromStorageUnderAStoredRecordIsNotFoundWithoutTheDownloadsHeaders() throws IOException {
        Files.delete(storedPath(storageKey()));
        String path = "/api/v1/files/" + fileId + "/content";

        for (HttpResponse<String> gone : List.of(
                get(path, token),
                send(request(path, token)
                        .header("Range", "bytes=1000-1999")
                        .GET()
                        .build()),
                get(link(token, null).get("url").asString(), null))) {
            assertProblem(gone, 404);
            assertThat(gone.headers().map())
                    .doesNotContainKeys("content-disposition", "content-range", "etag", "last-modified");
            gone.headers()
                    .firstValueAsLong("Content-Length")
                    .ifPresent(
                            length -> assertThat(length).isEqualTo(gone.body().length()));
        }
    }

    @Test
    void storageFailingToReadTheContentIsAProblemWithoutTheDownloadsHeaders() throws IOException {
        Path stored = storedPath(storageKey());
        Files.delete(stored);
        // Storage opens a directory in place of the content, and fails on the first read from it.
        Files.createDirectory(stored);

        HttpResponse<String> failed = send(request("/api/v1/files/" + fileId + "/content", token)
                .header("Range", "bytes=1000-1999")
                .GET()
                .build());

        assertProblem(failed, 500);
        assertThat(failed.headers().map())
                .doesNotContainKeys("content-disposition", "content-range", "etag", "last-modified");
        assertThat(failed.headers().firstValue("X-Request-Id")).isPresent();
        Files.delete(stored);
    }

    private String storageKey() {
        return jdbc.queryForObject(
                "SELECT storage_key FROM files.stored_file WHERE id = ?::uuid", String.class, fileId);
    }

    private JsonNode link(String token, String body) {
        HttpRequest.Builder request = request("/api/v1/files/" + fileId + "/links", token);
        HttpResponse<String> response = send(
                body == null
                        ? request.POST(HttpRequest.BodyPublishers.noBody()).build()
                        : request.header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return body(response);
    }

    private HttpResponse<byte[]> download(String path, String token, String range, String ifRange) {
        HttpRequest.Builder request = request(path, token);
        if (range != null) {
            request.header("Range", range);
        }
        if (ifRange != null) {
            request.header("If-Range", ifRange);
        }
        return send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
