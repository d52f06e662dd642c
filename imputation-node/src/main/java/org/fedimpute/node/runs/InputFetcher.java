package org.fedimpute.node.runs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.fedimpute.node.pipeline.RunControl;
import org.fedimpute.node.pipeline.StepLog;
import org.springframework.stereotype.Component;

/**
 * Fetches a run's {@code workflow_params.input} URLs into its input directory, each as a step of the run; redirects
 * are not followed, so a file comes only from the host the checks allowed.
 */
@Component
class InputFetcher {

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(30))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /**
     * Fetches one URL to {@code target}; answers why it failed, in words for the researcher, or empty when the file
     * arrived (or the run was cancelled meanwhile).
     */
    Optional<String> fetch(URI url, Path target, StepLog steps, RunControl control) {
        StepLog.Step step = steps.begin("fetch input", List.of("GET", url.toString()));
        String failure;
        try {
            HttpResponse<InputStream> response =
                    http.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    failure = "The input " + url + " could not be fetched: its server answered HTTP "
                            + response.statusCode();
                } else {
                    copy(body, target, control);
                    failure = null;
                }
            }
        } catch (IOException e) {
            failure = "The input " + url + " could not be fetched: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "The input " + url + " could not be fetched: the node was stopping";
        }
        if (failure != null) {
            try (PrintWriter stderr = new PrintWriter(Files.newBufferedWriter(step.stderr(), StandardCharsets.UTF_8))) {
                stderr.println(failure);
            } catch (IOException e) {
                failure = failure + " (and its log could not be written: " + e.getMessage() + ")";
            }
        }
        step.end(failure == null ? 0 : 1);
        return Optional.ofNullable(failure);
    }

    private static void copy(InputStream body, Path target, RunControl control) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(target)) {
            for (int read = body.read(buffer); read >= 0 && !control.isCancelled(); read = body.read(buffer)) {
                out.write(buffer, 0, read);
            }
        }
    }
}
