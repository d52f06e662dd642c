package org.fedimpute.jobs.submission;

import jakarta.validation.Valid;
import java.util.UUID;
import org.fedimpute.jobs.lifecycle.Caller;
import org.fedimpute.jobs.lifecycle.JobView;
import org.fedimpute.platform.web.PageResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A researcher's job templates: save one, list them, remove one, and submit a job from one. */
@RestController
class JobTemplateController {

    private final JobTemplates templates;

    JobTemplateController(JobTemplates templates) {
        this.templates = templates;
    }

    @PostMapping("/api/v1/job-templates")
    @ResponseStatus(HttpStatus.CREATED)
    JobTemplateResponse save(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody JobTemplateRequest request) {
        return templates.save(Caller.owner(jwt).userId(), request);
    }

    @GetMapping("/api/v1/job-templates")
    PageResponse<JobTemplateResponse> list(
            @AuthenticationPrincipal Jwt jwt,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        return templates.list(Caller.owner(jwt).userId(), page, size);
    }

    @DeleteMapping("/api/v1/job-templates/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
        templates.remove(Caller.owner(jwt).userId(), id);
    }

    @PostMapping("/api/v1/job-templates/{id}/jobs")
    @ResponseStatus(HttpStatus.CREATED)
    JobView use(
            @AuthenticationPrincipal Jwt jwt, @PathVariable UUID id, @Valid @RequestBody UseTemplateRequest request) {
        return templates.use(Caller.owner(jwt), id, request);
    }
}
