package org.fedimpute.registry.health;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.fedimpute.platform.web.PageResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Researchers see whether a service they are offered is up, how fast and how reliably it answers, and its history. */
@RestController
class HealthController {

    private final HealthLedger ledger;

    HealthController(HealthLedger ledger) {
        this.ledger = ledger;
    }

    @GetMapping("/api/v1/services/{slug}/health")
    HealthReport health(@PathVariable String slug) {
        return ledger.offeredReport(slug);
    }

    @GetMapping("/api/v1/services/{slug}/health/history")
    PageResponse<HealthCheckResponse> history(
            @PathVariable String slug,
            @RequestParam(defaultValue = "0") @Min(0) @Max(PageResponse.MAX_PAGE) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return ledger.offeredHistory(slug, page, size);
    }
}
