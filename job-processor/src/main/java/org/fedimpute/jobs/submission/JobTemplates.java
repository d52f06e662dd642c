package org.fedimpute.jobs.submission;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.fedimpute.jobs.lifecycle.Caller;
import org.fedimpute.jobs.lifecycle.JobView;
import org.fedimpute.platform.jdbc.AdvisoryLocks;
import org.fedimpute.platform.web.PageResponse;
import org.fedimpute.platform.web.Problems;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;

/** Saves, lists and removes a researcher's job templates, and submits a template with new files. */
@Service
class JobTemplates {

    private static final int MAX_PAGE_SIZE = 100;

    private final JobTemplateRepository templates;
    private final JobSubmission submission;
    private final Clock clock;
    private final JdbcClient jdbc;

    JobTemplates(JobTemplateRepository templates, JobSubmission submission, Clock clock, JdbcClient jdbc) {
        this.templates = templates;
        this.submission = submission;
        this.clock = clock;
        this.jdbc = jdbc;
    }

    /**
     * Saves a template unless the user has one of its name; the user's saves take turns, so two sent at once with one
     * name give one template and a 400, not a unique-key failure.
     */
    @Transactional
    JobTemplateResponse save(UUID userId, JobTemplateRequest request) {
        AdvisoryLocks.forTransaction(jdbc, "job-templates:" + userId);
        if (templates.existsByUserIdAndName(userId, request.name().strip())) {
            throw Problems.invalidField("name", "you already have a template of this name");
        }
        return templates
                .save(new JobTemplate(userId, request, clock.instant().truncatedTo(ChronoUnit.MICROS)))
                .response();
    }

    @Transactional(readOnly = true)
    PageResponse<JobTemplateResponse> list(UUID userId, int page, int size) {
        if (page < 0 || page > PageResponse.MAX_PAGE) {
            throw Problems.invalidField("page", "must be between 0 and " + PageResponse.MAX_PAGE);
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw Problems.invalidField("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        return PageResponse.of(
                templates.findByUserId(userId, PageRequest.of(page, size, Sort.by("name"))), JobTemplate::response);
    }

    @Transactional
    void remove(UUID userId, UUID id) {
        templates.delete(require(userId, id));
    }

    /** Submits the template's configuration with these files, checked as any submission is. */
    JobView use(Caller caller, UUID id, UseTemplateRequest request) {
        JobTemplate template = templates.findByIdAndUserId(id, caller.userId()).orElseThrow(JobTemplates::notFound);
        return submission.submit(caller, template.submission(request.name(), request.fileIds()));
    }

    private JobTemplate require(UUID userId, UUID id) {
        return templates.findByIdAndUserId(id, userId).orElseThrow(JobTemplates::notFound);
    }

    private static ErrorResponseException notFound() {
        return Problems.error(HttpStatus.NOT_FOUND, "No such job template");
    }
}
