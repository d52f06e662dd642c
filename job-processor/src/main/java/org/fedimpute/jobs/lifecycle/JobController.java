package org.fedimpute.jobs.lifecycle;

import java.util.List;
import java.util.UUID;
import org.fedimpute.platform.web.PageResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A researcher's own jobs: the list, one job with its progress, its history, statistics, cancelling, and batches. */
@RestController
class JobController {

    private final Jobs jobs;

    JobController(Jobs jobs) {
        this.jobs = jobs;
    }

    @GetMapping("/api/v1/jobs")
    PageResponse<JobView> list(
            @AuthenticationPrincipal Jwt jwt,
            @RequestParam(required = false) JobStatus status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        return jobs.page(Caller.owner(jwt).userId(), status, page, size);
    }

    @GetMapping("/api/v1/jobs/stats")
    JobStats stats(@AuthenticationPrincipal Jwt jwt) {
        return jobs.stats(Caller.owner(jwt).userId());
    }

    @GetMapping("/api/v1/jobs/{id}")
    JobView one(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
        return jobs.view(id, Caller.owner(jwt));
    }

    @GetMapping("/api/v1/jobs/{id}/history")
    List<JobHistoryEntry> history(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
        return jobs.history(id, Caller.owner(jwt));
    }

    @PostMapping("/api/v1/jobs/{id}/cancel")
    @ResponseStatus(HttpStatus.ACCEPTED)
    JobView cancel(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
        return jobs.cancel(id, Caller.owner(jwt));
    }

    @GetMapping("/api/v1/jobs/batches/{batchId}")
    JobBatch batch(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID batchId) {
        return jobs.batch(batchId, Caller.owner(jwt));
    }

    @PostMapping("/api/v1/jobs/batches/{batchId}/cancel")
    JobBatch cancelBatch(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID batchId) {
        return jobs.cancelQueued(batchId, Caller.owner(jwt));
    }
}
