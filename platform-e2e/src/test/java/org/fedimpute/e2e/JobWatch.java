package org.fedimpute.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fedimpute.e2e.journey.Credential;
import org.fedimpute.e2e.journey.Gateway;
import org.fedimpute.e2e.journey.Waiting;

/** A researcher's jobs as the gateway serves them, and the waits the end-to-end tests need on them. */
final class JobWatch {

    private static final List<String> ENDS = List.of("COMPLETED", "FAILED", "CANCELLED");

    private final Gateway gateway;
    private final Credential credential;

    JobWatch(Gateway gateway, Credential credential) {
        this.gateway = gateway;
        this.credential = credential;
    }

    Map<String, Object> job(String jobId) {
        return Gateway.read(gateway.get("/api/v1/jobs/" + jobId, credential));
    }

    /** Waits until the job is in {@code status}, looking four times a second. */
    Map<String, Object> awaitStatus(String jobId, String status, Duration timeout) {
        return Waiting.until(
                timeout,
                Duration.ofMillis(250),
                () -> Optional.of(job(jobId)).filter(job -> status.equals(job.get("status"))),
                () -> "job " + jobId + " never " + status + ": " + job(jobId));
    }

    /** Waits until the job has ended, whichever way, looking once a second. */
    Map<String, Object> awaitEnd(String jobId, Duration timeout) {
        return Waiting.until(
                timeout,
                Duration.ofSeconds(1),
                () -> Optional.of(job(jobId)).filter(job -> ENDS.contains(job.get("status"))),
                () -> "job " + jobId + " did not end: " + job(jobId));
    }
}
