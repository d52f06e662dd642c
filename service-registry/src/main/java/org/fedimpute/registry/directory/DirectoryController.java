package org.fedimpute.registry.directory;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.fedimpute.platform.web.PageResponse;
import org.fedimpute.registry.panels.PanelResponse;
import org.fedimpute.registry.services.ServiceKind;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Researchers browse the services they are offered, filter them, and read their reference panels. */
@RestController
class DirectoryController {

    private final ServiceDirectory directory;

    DirectoryController(ServiceDirectory directory) {
        this.directory = directory;
    }

    @GetMapping("/api/v1/services")
    PageResponse<ServiceSummary> services(
            @RequestParam(required = false) ServiceKind kind,
            @RequestParam(required = false) @Pattern(regexp = "hg19|hg38") String build,
            @RequestParam(required = false) @Size(max = 40) String population,
            @RequestParam(defaultValue = "false") boolean healthy,
            @RequestParam(defaultValue = "0") @Min(0) @Max(PageResponse.MAX_PAGE) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return directory.browse(new ServiceFilter(kind, build, population, healthy, true), page, size);
    }

    @GetMapping("/api/v1/services/{slug}")
    ServiceSummary service(@PathVariable String slug) {
        return directory.offeredService(slug);
    }

    @GetMapping("/api/v1/services/{slug}/reference-panels")
    PageResponse<PanelResponse> panelsOf(
            @PathVariable String slug,
            @RequestParam(defaultValue = "0") @Min(0) @Max(PageResponse.MAX_PAGE) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(100) int size) {
        directory.offeredService(slug);
        return directory.offeredPanels(slug, null, null, page, size);
    }

    @GetMapping("/api/v1/reference-panels")
    PageResponse<PanelResponse> panels(
            @RequestParam(required = false) @Size(max = 63) String service,
            @RequestParam(required = false) @Pattern(regexp = "hg19|hg38") String build,
            @RequestParam(required = false) @Size(max = 40) String population,
            @RequestParam(defaultValue = "0") @Min(0) @Max(PageResponse.MAX_PAGE) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(100) int size) {
        return directory.offeredPanels(service, build, population, page, size);
    }

    @GetMapping("/api/v1/reference-panels/{id}")
    PanelResponse panel(@PathVariable UUID id) {
        return directory.offeredPanel(id);
    }
}
