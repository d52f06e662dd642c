package org.fedimpute.jobs.submission;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.io.IOException;
import java.util.UUID;
import org.fedimpute.jobs.lifecycle.Caller;
import org.fedimpute.jobs.lifecycle.JobBatch;
import org.fedimpute.jobs.lifecycle.JobView;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Takes a researcher's job submission (or a batch: one job per file) and answers the queued job, or why it cannot be
 * run; retries a batch's failed jobs.
 */
@RestController
class SubmissionController {

    private final JobSubmission submission;
    private final UploadedSubmission uploads;

    SubmissionController(JobSubmission submission, UploadedSubmission uploads) {
        this.submission = submission;
        this.uploads = uploads;
    }

    @PostMapping("/api/v1/jobs/batches")
    @ResponseStatus(HttpStatus.CREATED)
    JobBatch submitBatch(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody SubmitJobRequest request) {
        return submission.submitBatch(Caller.owner(jwt), request);
    }

    @PostMapping("/api/v1/jobs/batches/{batchId}/retry")
    JobBatch retryFailed(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID batchId) {
        return submission.retryFailed(Caller.owner(jwt), batchId);
    }

    @PostMapping(path = "/api/v1/jobs", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    JobView submit(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody SubmitJobRequest request) {
        return submission.submit(Caller.owner(jwt), request);
    }

    /** The same submission with its files in the request, passed on to file-manager as they arrive. */
    @PostMapping(path = "/api/v1/jobs", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    JobView submitWithFiles(@AuthenticationPrincipal Jwt jwt, HttpServletRequest request) throws IOException {
        return uploads.submit(Caller.owner(jwt), jwt.getTokenValue(), request);
    }
}
