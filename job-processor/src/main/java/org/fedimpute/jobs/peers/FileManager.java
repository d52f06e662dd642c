package org.fedimpute.jobs.peers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.fedimpute.platform.web.Problems;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;

/** Reads job inputs from file-manager and stores job results there, streaming bytes both ways. */
@Component
public class FileManager {

    /** file-manager's refusals that describe the researcher's file or the researcher, not the call to file-manager. */
    private static final Set<Integer> RELAYED_REFUSALS = Set.of(400, 401, 403, 409, 413, 415, 422, 429);

    private final PeerClients clients;

    FileManager(PeerClients clients) {
        this.clients = clients;
    }

    /** The file's record; empty when file-manager does not know it. */
    public Optional<StoredFile> file(UUID id) {
        try {
            return Optional.ofNullable(clients.files()
                    .get()
                    .uri("/api/v1/files/{id}", id)
                    .retrieve()
                    .body(StoredFile.class));
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode() == HttpStatus.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The file's validation report as if it were submitted with {@code build} (the build checks recomputed). */
    public Map<String, Object> validationFor(UUID id, String build) {
        return clients.files()
                .get()
                .uri("/api/v1/files/{id}/validation?build={build}", id, build)
                .retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() {});
    }

    /** The results file-manager holds for the job already, whoever stored them. */
    public List<StoredFile> storedResultsOf(UUID jobId) {
        List<StoredFile> results = clients.files()
                .get()
                .uri("/internal/jobs/{jobId}/results", jobId)
                .retrieve()
                .body(new ParameterizedTypeReference<List<StoredFile>>() {});
        return results == null ? List.of() : results;
    }

    /** Opens the file's bytes as a stream the caller must close. */
    public InputStream open(UUID id) {
        return clients.files()
                .get()
                .uri("/api/v1/files/{id}/content", id)
                .exchange(
                        (request, response) -> {
                            if (!response.getStatusCode().is2xxSuccessful()) {
                                response.close();
                                throw new UncheckedIOException(new IOException(
                                        "file-manager answered " + response.getStatusCode() + " for file " + id));
                            }
                            return response.getBody();
                        },
                        false);
    }

    /**
     * Streams a researcher's input file into file-manager as they upload it, on their behalf (their access token), and
     * answers its record; file-manager validates it afterwards. A file file-manager refuses (its name, its type, its
     * size, the researcher's storage quota) is refused with file-manager's own problem, which is the researcher's to
     * read: the file part of their request is what it describes.
     */
    public StoredFile uploadInput(
            String accessToken, String fileName, String service, String declaredBuild, InputStream content) {
        MultipartBodyBuilder parts = new MultipartBodyBuilder();
        parts.part("kind", "INPUT");
        parts.part("service", service);
        parts.part("declaredBuild", declaredBuild);
        parts.part("file", new InputStreamResource(content))
                .filename(fileName)
                .contentType(MediaType.APPLICATION_OCTET_STREAM);
        try {
            return clients.filesAsUser(accessToken)
                    .post()
                    .uri("/api/v1/files")
                    .contentType(MediaType.MULTIPART_FORM_DATA)
                    .body(parts.build())
                    .retrieve()
                    .body(StoredFile.class);
        } catch (HttpClientErrorException refused) {
            throw refusal(refused);
        }
    }

    /**
     * The researcher's answer to file-manager refusing their file: file-manager's own problem when it is about the file
     * or the researcher (its name, type or size, their storage quota, their token), a 502 when it is about this call.
     */
    private static ErrorResponseException refusal(HttpClientErrorException refused) {
        if (!RELAYED_REFUSALS.contains(refused.getStatusCode().value())) {
            return Problems.error(HttpStatus.BAD_GATEWAY, "file-manager could not take the file; try again later.");
        }
        ProblemDetail problem = null;
        try {
            problem = refused.getResponseBodyAs(ProblemDetail.class);
        } catch (RestClientException notAProblem) {
            // An answer that is not a problem document (a proxy's page, say) still refused the file.
        }
        if (problem == null) {
            problem = ProblemDetail.forStatusAndDetail(refused.getStatusCode(), "file-manager refused the file.");
        }
        // Where the refusal happened is file-manager's path; this answer's own is the researcher's request.
        problem.setInstance(null);
        problem.setStatus(refused.getStatusCode().value());
        ErrorResponseException answer = new ErrorResponseException(refused.getStatusCode(), problem, refused);
        String retryAfter = refused.getResponseHeaders() == null
                ? null
                : refused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER);
        if (retryAfter != null) {
            answer.getHeaders().set(HttpHeaders.RETRY_AFTER, retryAfter);
        }
        return answer;
    }

    /** Removes a researcher's file on their behalf (their access token), as they could themselves. */
    public void deleteAsUser(String accessToken, UUID id) {
        clients.filesAsUser(accessToken)
                .delete()
                .uri("/api/v1/files/{id}", id)
                .retrieve()
                .toBodilessEntity();
    }

    /** Fails unless file-manager's storage takes a probe file now: asked before a result is downloaded again. */
    public void probeStorage() {
        clients.files().post().uri("/internal/files/probe").retrieve().toBodilessEntity();
    }

    /** Streams a job's result into file-manager as the job owner's file and answers its record. */
    public StoredFile storeResult(UUID ownerId, UUID jobId, String name, InputStream content) {
        return clients.files()
                .post()
                .uri(builder -> builder.path("/internal/files")
                        .queryParam("ownerId", ownerId)
                        .queryParam("jobId", jobId)
                        .queryParam("name", name)
                        .queryParam("kind", "RESULT")
                        .build())
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(new InputStreamResource(content))
                .retrieve()
                .body(StoredFile.class);
    }
}
