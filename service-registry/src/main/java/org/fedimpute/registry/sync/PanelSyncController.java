package org.fedimpute.registry.sync;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.UUID;
import org.fedimpute.platform.web.PageResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admins sync a service's reference panels now (answering the report, also when the server could not be read) and
 * read the history of its syncs.
 */
@RestController
@RequestMapping("/api/v1/admin/services/{id}")
class PanelSyncController {

    private final PanelSync sync;

    PanelSyncController(PanelSync sync) {
        this.sync = sync;
    }

    @PostMapping("/panel-sync")
    PanelSyncReport syncNow(@PathVariable UUID id) {
        return sync.sync(id, SyncTrigger.MANUAL);
    }

    @GetMapping("/panel-syncs")
    PageResponse<PanelSyncReport> history(
            @PathVariable UUID id,
            @RequestParam(defaultValue = "0") @Min(0) @Max(PageResponse.MAX_PAGE) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return sync.history(id, page, size);
    }
}
