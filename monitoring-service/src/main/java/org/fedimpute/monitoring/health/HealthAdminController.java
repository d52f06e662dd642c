package org.fedimpute.monitoring.health;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.fedimpute.platform.web.PageResponse;
import org.fedimpute.platform.web.Problems;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Admins see each platform service's state in detail (with the poll's error) and the history of its changes. */
@RestController
@RequestMapping("/api/v1/admin/monitoring/services")
class HealthAdminController {

    private final PlatformHealth health;

    HealthAdminController(PlatformHealth health) {
        this.health = health;
    }

    @GetMapping
    List<ServiceState> services() {
        return health.current();
    }

    @GetMapping("/history")
    PageResponse<HealthChange> history(
            @RequestParam(required = false) String service,
            @RequestParam(defaultValue = "0") @Min(0) @Max(PageResponse.MAX_PAGE) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        if (service != null && !health.isConfigured(service)) {
            throw Problems.invalidField("service", "is not a monitored platform service");
        }
        return health.history(service, page, size);
    }
}
