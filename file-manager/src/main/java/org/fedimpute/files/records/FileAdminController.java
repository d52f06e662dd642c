package org.fedimpute.files.records;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.UUID;
import org.fedimpute.platform.web.PageResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Admins look through everyone's files, or one owner's. */
@RestController
@RequestMapping("/api/v1/admin/files")
class FileAdminController {

    private final FileRecords records;

    FileAdminController(FileRecords records) {
        this.records = records;
    }

    @GetMapping
    PageResponse<FileResponse> list(
            @RequestParam(required = false) UUID owner,
            @RequestParam(required = false) FileKind kind,
            @RequestParam(required = false) UUID jobId,
            @RequestParam(defaultValue = "0") @Min(0) @Max(PageResponse.MAX_PAGE) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return records.list(owner, kind, jobId, page, size);
    }
}
