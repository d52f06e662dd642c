package org.fedimpute.registry.health;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.UUID;
import org.fedimpute.platform.web.PageResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admins read any service's health, deactivated or switched off, check a service on demand, and bring back a
 * deactivated service once it answers again.
 */
@RestController
@RequestMapping("/api/v1/admin/services/{id}")
class HealthAdminController {

    private final HealthLedger ledger;
    private final HealthMonitor monitor;

    HealthAdminController(HealthLedger ledger, HealthMonitor monitor) {
        this.ledger = ledger;
        this.monitor = monitor;
    }

    @GetMapping("/health")
    HealthReport health(@PathVariable UUID id) {
        return ledger.report(id);
    }

    @GetMapping("/health/history")
    PageResponse<HealthCheckResponse> history(
            @PathVariable UUID id,
            @RequestParam(defaultValue = "0") @Min(0) @Max(PageResponse.MAX_PAGE) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return ledger.history(id, page, size);
    }

    /** Probes the service now and records the check, as a cycle would. */
    @PostMapping("/health-checks")
    @ResponseStatus(HttpStatus.CREATED)
    HealthCheckResponse checkNow(@PathVariable UUID id) {
        return monitor.checkNow(id);
    }

    @PostMapping("/reactivation")
    HealthReport reactivate(@PathVariable UUID id) {
        return ledger.reactivate(id);
    }
}
