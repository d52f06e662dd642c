package org.fedimpute.registry.directory;

import java.util.List;
import java.util.UUID;
import org.fedimpute.platform.web.PageResponse;
import org.fedimpute.platform.web.Problems;
import org.fedimpute.registry.panels.PanelCatalogue;
import org.fedimpute.registry.panels.PanelResponse;
import org.fedimpute.registry.services.ServiceCatalogue;
import org.fedimpute.registry.services.ServiceEndpoint;
import org.fedimpute.registry.services.ServiceKind;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;

/**
 * Answers what researchers and admins may see of the catalogue: researchers see only offered services (switched on
 * and not deactivated) and their available panels, admins see everything.
 */
@Service
public class ServiceDirectory {

    private final ServiceListing services;
    private final PanelListing panels;
    private final PanelCatalogue catalogue;
    private final ServiceCatalogue endpoints;

    ServiceDirectory(
            ServiceListing services, PanelListing panels, PanelCatalogue catalogue, ServiceCatalogue endpoints) {
        this.services = services;
        this.panels = panels;
        this.catalogue = catalogue;
        this.endpoints = endpoints;
    }

    /** A service, offered or not, as another platform service needs it, with all its panels. */
    @Transactional(readOnly = true)
    InternalServiceController.InternalService forPlatform(String slug) {
        ServiceEndpoint endpoint = endpoints.endpoint(slug).orElseThrow(ServiceCatalogue::notFound);
        boolean requiresUserToken =
                services.bySlug(slug).map(ServiceSummary::requiresUserToken).orElseThrow(ServiceCatalogue::notFound);
        return InternalServiceController.InternalService.of(
                endpoint, requiresUserToken, catalogue.panelsOf(endpoint.id()));
    }

    @Transactional(readOnly = true)
    PageResponse<ServiceSummary> browse(ServiceFilter filter, int page, int size) {
        return services.find(filter, page, size);
    }

    /** Every service researchers are offered that the filter admits. */
    @Transactional(readOnly = true)
    public List<ServiceSummary> offered(ServiceKind kind, String build, String population) {
        return services.all(new ServiceFilter(kind, build, population, false, true));
    }

    @Transactional(readOnly = true)
    ServiceSummary offeredService(String slug) {
        ServiceSummary service =
                services.bySlug(slug).filter(ServiceSummary::offered).orElseThrow(ServiceDirectory::notFound);
        return service.withPanels(catalogue.panelsOf(service.id()).stream()
                .filter(PanelResponse::available)
                .toList());
    }

    @Transactional(readOnly = true)
    ServiceSummary anyService(UUID id) {
        ServiceSummary service = services.byId(id).orElseThrow(ServiceDirectory::notFound);
        return service.withPanels(catalogue.panelsOf(service.id()));
    }

    @Transactional(readOnly = true)
    PageResponse<PanelResponse> offeredPanels(String serviceSlug, String build, String population, int page, int size) {
        return panels.find(serviceSlug, build, population, page, size);
    }

    @Transactional(readOnly = true)
    PanelResponse offeredPanel(UUID id) {
        return panels.offered(id).orElseThrow(() -> Problems.error(HttpStatus.NOT_FOUND, "No such reference panel"));
    }

    private static ErrorResponseException notFound() {
        return Problems.error(HttpStatus.NOT_FOUND, "No such imputation service");
    }
}
