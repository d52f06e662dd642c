package org.fedimpute.node.runs;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.fedimpute.node.pipeline.RunControl;
import org.fedimpute.node.pipeline.StepLog;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Fetches a run's {@code workflow_params.input} URLs into its input directory, each as a step of the run; redirects
 * are not followed, so a file comes only from the host the checks allowed. The fetch runs beside the run's thread,
 * which watches it: a cancel aborts it at once, and so does a server that sends nothing for {@code input-stall-limit}
 * (the run then fails with that reason), so that a stalled server holds neither the run nor the node's queue.
 */
@Component
class InputFetcher {

    private static final Duration WATCH_INTERVAL = Duration.ofMillis(250);

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(30))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final Duration stallLimit;

    InputFetcher(@Value("${fedimpute.node.runs.input-stall-limit}") Duration stallLimit) {
        this.stallLimit = stallLimit;
    }

    /**
     * Fetches one URL to {@code target}, a file that must not exist yet; answers why it failed, in words for the
     * researcher, or empty when the file arrived (or the run was cancelled meanwhile).
     */
    Optional<String> fetch(URI url, Path target, StepLog steps, RunControl control) {
        StepLog.Step step = steps.begin("fetch input", List.of("GET", url.toString()));
        String failure = watch(
                url,
                target,
                control,
                http.sendAsync(
                        HttpRequest.newBuilder(url).timeout(stallLimit).GET().build(),
                        HttpResponse.BodyHandlers.ofFile(
                                target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)));
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

    /** Waits for the fetch while it makes progress and the run is not cancelled; answers its failure, if any. */
    private String watch(URI url, Path target, RunControl control, CompletableFuture<HttpResponse<Path>> fetching) {
        String couldNot = "The input " + url + " could not be fetched: ";
        long lastSize = -1;
        long lastProgress = System.nanoTime();
        while (true) {
            try {
                HttpResponse<Path> response = fetching.get(WATCH_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
                return response.statusCode() == 200
                        ? null
                        : couldNot + "its server answered HTTP " + response.statusCode();
            } catch (TimeoutException stillFetching) {
                if (control.isCancelled()) {
                    fetching.cancel(true);
                    return null;
                }
                long size = sizeOf(target);
                if (size != lastSize) {
                    lastSize = size;
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > stallLimit.toNanos()) {
                    fetching.cancel(true);
                    return couldNot + "its server sent nothing for " + stallLimit.toSeconds() + " s";
                }
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                return couldNot
                        + (cause instanceof HttpTimeoutException
                                ? "its server did not answer within " + stallLimit.toSeconds() + " s"
                                : cause.getMessage());
            } catch (InterruptedException e) {
                fetching.cancel(true);
                Thread.currentThread().interrupt();
                return couldNot + "the node was stopping";
            }
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException notCreatedYet) {
            return -1;
        }
    }
}
