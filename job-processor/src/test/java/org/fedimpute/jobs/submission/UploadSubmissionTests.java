package org.fedimpute.jobs.submission;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.noContent;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.fedimpute.jobs.JobsApiTest;
import org.fedimpute.jobs.PeerStubs;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A submission may carry its files: they are streamed on to file-manager as the researcher (with their own token),
 * and the job waits, PENDING, until file-manager has validated them; an invalid file fails the job with the findings,
 * and a submission whose settings are refused stores no file at all.
 */
class UploadSubmissionTests extends JobsApiTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final UUID user = UUID.randomUUID();
    private final String token = researcher(user);
    private final String service = unique("upload");
    private final String name = unique("uploaded");

    @Test
    void uploadedFilesAreStoredAsTheResearcherAndTheJobWaitsForTheirValidation() {
        peers.service(service, false, true);
        String fileName = name + ".vcf.gz";
        UUID stored = peers.upload(user, fileName, "VALID", null);
        remote.script(name).completesWith(Map.of());

        JsonNode job = body(multipart(job(service), fileName, "genotype bytes"), 201);

        assertThat(job.get("status").asString()).isEqualTo("PENDING");
        assertThat(job.get("inputFileIds").get(0).asString()).isEqualTo(stored.toString());
        PEERS.verify(postRequestedFor(urlPathEqualTo("/api/v1/files"))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .withRequestBody(containing("genotype bytes"))
                .withRequestBody(containing("name=\"service\"")));
        String id = job.get("id").asString();
        awaitStatus(id, token, "COMPLETED");
        assertThat(remote.script(name).inputs).containsExactly(PeerStubs.content(stored));
        JsonNode history = body(call("GET", "/api/v1/jobs/" + id + "/history", token, null), 200);
        assertThat(history.get(1).get("from").asString()).isEqualTo("PENDING");
        assertThat(history.get(1).get("reason").asString()).startsWith("inputs validated");
    }

    @Test
    void anUploadedFileThatFailsValidationFailsTheJobWithTheFindings() {
        peers.service(service, false, true);
        String fileName = name + ".vcf.gz";
        peers.upload(user, fileName, "INVALID", "{\"errors\":[\"file is not bgzipped\"]}");

        String id = body(multipart(job(service), fileName, "not bgzipped"), 201)
                .get("id")
                .asString();

        assertThat(awaitStatus(id, token, "FAILED").get("failureReason").asString())
                .contains(fileName)
                .contains("file is not bgzipped");
        assertThat(remote.script(name).submissions.get()).isZero();
    }

    @Test
    void refusedSettingsStoreNoFile() {
        String fileName = name + ".vcf.gz";

        assertFieldProblem(multipart(job("no-such-service"), fileName, "bytes"), 400, "service", "no active");
        assertFieldProblem(multipart(job(service).replace("hg38", "hg37"), fileName, "bytes"), 400, "build", "hg19");

        PEERS.verify(0, postRequestedFor(urlPathEqualTo("/api/v1/files")).withRequestBody(containing(fileName)));
    }

    @Test
    void aFileFileManagerRefusesIsRefusedWithItsReasonAndTheFilesStoredBeforeItAreRemoved() {
        peers.service(service, false, true);
        String accepted = name + ".vcf.gz";
        UUID stored = peers.upload(user, accepted, "VALID", null);
        String refused = name + "-notes.txt";
        peers.uploadAnswered(
                refused,
                aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/problem+json")
                        .withBody("""
                                {"type":"about:blank","title":"Bad Request","status":400,
                                 "detail":"The request has invalid fields.","instance":"/api/v1/files",
                                 "errors":[{"field":"file","message":"must be one of these kinds of file: .vcf"}]}
                                """));
        PEERS.stubFor(delete(urlPathEqualTo("/api/v1/files/" + stored)).willReturn(noContent()));

        HttpResponse<String> answer = multipart(job(service), accepted, "genotype bytes", refused, "notes");

        assertFieldProblem(answer, 400, "file", "must be one of these kinds of file");
        assertThat(problem(answer, 400).get("instance").asString()).isEqualTo("/api/v1/jobs");
        PEERS.verify(deleteRequestedFor(urlPathEqualTo("/api/v1/files/" + stored))
                .withHeader("Authorization", equalTo("Bearer " + token)));
        assertThat(body(call("GET", "/api/v1/jobs", token, null), 200)
                        .get("totalItems")
                        .asLong())
                .isZero();
    }

    @Test
    void aRefusalThatIsNotAProblemDocumentIsStillTheRefusalAndOneAboutTheCallIsA502() {
        peers.service(service, false, true);
        String tooLarge = name + "-large.vcf.gz";
        String misrouted = name + "-misrouted.vcf.gz";
        peers.uploadAnswered(
                tooLarge,
                aResponse()
                        .withStatus(413)
                        .withHeader("Content-Type", "text/html")
                        .withBody("<html><body>413 Request Entity Too Large</body></html>"));
        peers.uploadAnswered(misrouted, aResponse().withStatus(404));

        assertThat(problem(multipart(job(service), tooLarge, "bytes"), 413)
                        .get("detail")
                        .asString())
                .isEqualTo("file-manager refused the file.");
        assertThat(problem(multipart(job(service), misrouted, "bytes"), 502)
                        .get("detail")
                        .asString())
                .contains("file-manager could not take the file");
    }

    private String job(String serviceSlug) {
        return """
                {"name":"%s","service":"%s","referencePanel":"%s","build":"hg38","population":"afr"}
                """.formatted(name, serviceSlug, PeerStubs.panelKey(serviceSlug));
    }

    /** A multipart submission of these settings and files, given as a name then a content for each. */
    private HttpResponse<String> multipart(String jobJson, String... namesAndContents) {
        String boundary = "fedimpute-" + UUID.randomUUID();
        StringBuilder body = new StringBuilder("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"job\"\r\n"
                + "Content-Type: application/json\r\n\r\n"
                + jobJson + "\r\n");
        for (int i = 0; i < namesAndContents.length; i += 2) {
            body.append("--" + boundary + "\r\n"
                    + "Content-Disposition: form-data; name=\"file\"; filename=\"" + namesAndContents[i] + "\"\r\n"
                    + "Content-Type: application/octet-stream\r\n\r\n"
                    + namesAndContents[i + 1] + "\r\n");
        }
        body.append("--" + boundary + "--\r\n");
        try {
            return HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/jobs"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
