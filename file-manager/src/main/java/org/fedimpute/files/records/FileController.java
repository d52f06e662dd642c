package org.fedimpute.files.records;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.UUID;
import org.fedimpute.platform.web.PageResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Researchers list, look at and delete their own files. */
@RestController
@RequestMapping("/api/v1/files")
class FileController {

    private final FileRecords records;
    private final FileRemoval removal;

    FileController(FileRecords records, FileRemoval removal) {
        this.records = records;
        this.removal = removal;
    }

    @GetMapping
    PageResponse<FileResponse> list(
            @RequestParam(required = false) FileKind kind,
            @RequestParam(required = false) UUID jobId,
            @RequestParam(defaultValue = "0") @Min(0) @Max(PageResponse.MAX_PAGE) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
            Authentication authentication) {
        return records.list(Caller.of(authentication).requireUser(), kind, jobId, page, size);
    }

    @GetMapping("/{id}")
    FileResponse read(@PathVariable UUID id, Authentication authentication) {
        return records.read(id, Caller.of(authentication));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID id, Authentication authentication) {
        removal.remove(id, Caller.of(authentication));
    }
}
