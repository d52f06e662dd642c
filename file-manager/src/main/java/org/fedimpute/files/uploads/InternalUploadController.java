package org.fedimpute.files.uploads;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.util.OptionalLong;
import java.util.UUID;
import org.fedimpute.files.records.FileKind;
import org.fedimpute.files.records.FileResponse;
import org.fedimpute.files.retention.RetentionProperties;
import org.fedimpute.files.uploads.FileIntake.Reception;
import org.fedimpute.files.uploads.FileNames.NamedFile;
import org.fedimpute.platform.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * job-processor streams a job's results in with its service token, on behalf of the job's owner: the request body
 * is the file's content ({@code application/octet-stream}) and the query names the owner, the job and the file.
 * Results count against the owner's quota but are never refused for it. Before it fetches a result again after a store
 * failed, job-processor asks whether storage takes files at all ({@code POST /internal/files/probe}).
 */
@RestController
class InternalUploadController {

    private final FileIntake intake;
    private final UploadLimits limits;
    private final RetentionProperties retention;
    private final StorageProbe probe;

    InternalUploadController(
            FileIntake intake, UploadLimits limits, RetentionProperties retention, StorageProbe probe) {
        this.intake = intake;
        this.limits = limits;
        this.retention = retention;
        this.probe = probe;
    }

    /** 204 when storage takes a probe file now, 503 when it does not. */
    @PostMapping("/internal/files/probe")
    ResponseEntity<Void> probe() {
        if (!probe.storageTakesFiles()) {
            throw Problems.error(HttpStatus.SERVICE_UNAVAILABLE, "File storage does not take files at the moment.");
        }
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = "/internal/files", consumes = MediaType.APPLICATION_OCTET_STREAM_VALUE)
    ResponseEntity<FileResponse> upload(
            @RequestParam UUID ownerId,
            @RequestParam(required = false) UUID jobId,
            @RequestParam String name,
            @RequestParam(defaultValue = "RESULT") FileKind kind,
            HttpServletRequest request)
            throws IOException {
        if (kind == FileKind.INPUT) {
            throw Problems.invalidField("kind", "must be RESULT or TEMP; inputs come from their owners");
        }
        if (kind == FileKind.RESULT && jobId == null) {
            throw Problems.invalidField("jobId", "is required for a result");
        }
        NamedFile file = FileNames.check(name, kind, "name");
        UploadAllowance allowance = limits.result();
        if (request.getContentLengthLong() > 0) {
            allowance.checkDeclared(request.getContentLengthLong());
        }
        UploadRequest described = new UploadRequest(kind, jobId, null, null);
        try (Reception reception =
                intake.open(described.newFile(ownerId, file, null, retention.lifetimeOf(kind)), "body")) {
            reception.receive(request.getInputStream(), allowance);
            FileResponse stored = reception.complete(OptionalLong.empty());
            return ResponseEntity.created(URI.create("/api/v1/files/" + stored.id()))
                    .body(stored);
        }
    }
}
