package org.fedimpute.registry.directory;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.fedimpute.platform.web.PageResponse;
import org.fedimpute.registry.services.ServiceKind;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Admins see every service, switched off and deactivated ones included, with its health and all its panels. */
@RestController
class DirectoryAdminController {

    private final ServiceDirectory directory;

    DirectoryAdminController(ServiceDirectory directory) {
        this.directory = directory;
    }

    @GetMapping("/api/v1/admin/services")
    PageResponse<ServiceSummary> services(
            @RequestParam(required = false) ServiceKind kind,
            @RequestParam(required = false) @Pattern(regexp = "hg19|hg38") String build,
            @RequestParam(required = false) @Size(max = 40) String population,
            @RequestParam(defaultValue = "false") boolean healthy,
            @RequestParam(defaultValue = "0") @Min(0) @Max(PageResponse.MAX_PAGE) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return directory.browse(new ServiceFilter(kind, build, population, healthy, false), page, size);
    }

    @GetMapping("/api/v1/admin/services/{id}/overview")
    ServiceSummary service(@PathVariable UUID id) {
        return directory.anyService(id);
    }
}
