package org.fedimpute.files.records;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** monitoring-service asks, with its service token, how much storage the platform's files take in all. */
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
}
