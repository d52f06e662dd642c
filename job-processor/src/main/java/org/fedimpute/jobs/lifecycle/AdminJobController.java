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

/** Every researcher's jobs for admins (the security chain keeps {@code /api/v1/admin/**} to them): list, read, cancel. */
@RestController
class AdminJobController {

    private final Jobs jobs;

    AdminJobController(Jobs jobs) {
        this.jobs = jobs;
    }

    @GetMapping("/api/v1/admin/jobs")
    PageResponse<JobView> list(
            @RequestParam(required = false) JobStatus status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        return jobs.page(null, status, page, size);
    }

    @GetMapping("/api/v1/admin/jobs/{id}")
    JobView one(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
        return jobs.view(id, Caller.of(jwt));
    }

    @GetMapping("/api/v1/admin/jobs/{id}/history")
    List<JobHistoryEntry> history(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
        return jobs.history(id, Caller.of(jwt));
    }

    @PostMapping("/api/v1/admin/jobs/{id}/cancel")
    @ResponseStatus(HttpStatus.ACCEPTED)
    JobView cancel(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
        return jobs.cancel(id, Caller.of(jwt));
    }
}
