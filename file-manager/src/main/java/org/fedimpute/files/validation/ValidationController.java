package org.fedimpute.files.validation;

import java.util.UUID;
import org.fedimpute.files.records.Caller;
import org.fedimpute.files.records.FileRecords;
import org.fedimpute.files.records.FileResponse;
import org.fedimpute.files.records.ValidationStatus;
import org.fedimpute.platform.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serves a genotype file's validation report, and the same report as if the file were submitted with another build:
 * a job names its build at submission, and job-processor asks here whether the file may be sent with it (the build
 * checks are recomputed from the stored report without reading the file again).
 */
@RestController
class ValidationController {

    private final FileRecords records;
    private final JsonMapper json;

    ValidationController(FileRecords records, JsonMapper json) {
        this.records = records;
        this.json = json;
    }

    @GetMapping("/api/v1/files/{id}/validation")
    ValidationReport report(
            @PathVariable UUID id, @RequestParam(required = false) String build, Authentication authentication) {
        GenomeBuild declared = build == null ? null : buildOf(build);
        FileResponse file = records.read(id, Caller.of(authentication));
        if (file.validationStatus() == ValidationStatus.NOT_APPLICABLE) {
            throw Problems.error(HttpStatus.NOT_FOUND, "Only genotype files are validated; this one is not.");
        }
        if (file.validationStatus() == ValidationStatus.PENDING) {
            throw Problems.error(
                    HttpStatus.CONFLICT, "The file is still being validated; its report will be ready shortly.");
        }
        ValidationReport report = json.readValue(file.validationReport(), ValidationReport.class);
        return declared == null ? report : report.withDeclaredBuild(declared);
    }

    private static GenomeBuild buildOf(String build) {
        try {
            return GenomeBuild.fromName(build);
        } catch (IllegalArgumentException e) {
            throw Problems.invalidField("build", e.getMessage());
        }
    }
}
