package org.fedimpute.files.records;

import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The platform's services ask, with their service tokens, about stored files across owners: monitoring-service how
 * much storage they take in all, job-processor which results of a job are stored already.
 */
@RestController
class InternalStorageController {

    private final FileRecords records;

    InternalStorageController(FileRecords records) {
        this.records = records;
    }

    @GetMapping("/internal/storage")
    StorageTotals storage() {
        return records.totals();
    }

    @GetMapping("/internal/jobs/{jobId}/results")
    List<FileResponse> results(@PathVariable UUID jobId) {
        return records.storedResultsOf(jobId);
    }
}
