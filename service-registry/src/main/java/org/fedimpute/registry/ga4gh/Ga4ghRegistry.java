package org.fedimpute.registry.ga4gh;

import java.net.URI;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.fedimpute.registry.directory.ServiceDirectory;
import org.fedimpute.registry.directory.ServiceSummary;
import org.fedimpute.registry.services.ServiceKind;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Service;

/**
 * Describes the offered services, and the registry itself, in GA4GH service-info terms: what specification each
 * service implements, who provides it and where its API is.
 */
@Service
@EnableConfigurationProperties(Ga4ghRegistryProperties.class)
class Ga4ghRegistry {

    /** What this registry implements. */
    static final ServiceInfo.Type SERVICE_REGISTRY = new ServiceInfo.Type("org.ga4gh", "service-registry", "1.0.0");
    /** A GA4GH Workflow Execution Service node; the platform's clients speak WES 1.1. */
    static final ServiceInfo.Type WES = new ServiceInfo.Type("org.ga4gh", "wes", "1.1.0");
    /** A Cloudgene server (Michigan Imputation Server and its kin) answering its API v2 under {@code /api/v2}. */
    static final ServiceInfo.Type CLOUDGENE = new ServiceInfo.Type("io.cloudgene", "cloudgene-api", "2");

    private static final Comparator<ServiceInfo.Type> TYPE_ORDER = Comparator.comparing(ServiceInfo.Type::group)
            .thenComparing(ServiceInfo.Type::artifact)
            .thenComparing(ServiceInfo.Type::version);

    private final ServiceDirectory directory;
    private final Ga4ghRegistryProperties properties;
    private final String version;

    Ga4ghRegistry(
            ServiceDirectory directory, Ga4ghRegistryProperties properties, ObjectProvider<BuildProperties> build) {
        this.directory = directory;
        this.properties = properties;
        this.version =
                build.stream().map(BuildProperties::getVersion).findFirst().orElse("development");
    }

    /** Every service researchers are offered, in the directory's order. */
    List<ServiceInfo> services() {
        return directory.offered(null, null, null).stream().map(this::describe).toList();
    }

    /** The offered service with this id, which is the id prefix, a dot and the service's slug. */
    Optional<ServiceInfo> service(String id) {
        String prefix = properties.idPrefix() + ".";
        if (!id.startsWith(prefix)) {
            return Optional.empty();
        }
        String slug = id.substring(prefix.length());
        return directory.offered(null, null, null).stream()
                .filter(service -> service.slug().equals(slug))
                .findFirst()
                .map(this::describe);
    }

    /** The distinct types of the offered services. */
    List<ServiceInfo.Type> types() {
        return services().stream()
                .map(ServiceInfo::type)
                .distinct()
                .sorted(TYPE_ORDER)
                .toList();
    }

    /** The registry itself. */
    ServiceInfo registry() {
        Ga4ghRegistryProperties.Organization organization = properties.organization();
        return new ServiceInfo(
                properties.idPrefix(),
                "FedImpute service registry",
                SERVICE_REGISTRY,
                "The imputation services and reference panels a FedImpute platform offers, with their health.",
                new ServiceInfo.Organization(organization.name(), organization.url()),
                properties.contactUrl(),
                properties.documentationUrl(),
                null,
                null,
                properties.environment(),
                version,
                null);
    }

    private ServiceInfo describe(ServiceSummary service) {
        return new ServiceInfo(
                properties.idPrefix() + "." + service.slug(),
                service.name(),
                typeOf(service.kind()),
                service.description(),
                providerOf(service.baseUrl()),
                null,
                null,
                service.createdAt(),
                service.updatedAt(),
                properties.environment(),
                service.updatedAt().truncatedTo(ChronoUnit.SECONDS).toString(),
                service.baseUrl());
    }

    private static ServiceInfo.Type typeOf(ServiceKind kind) {
        return switch (kind) {
            case GA4GH_WES -> WES;
            case MICHIGAN -> CLOUDGENE;
        };
    }

    /** The catalogue does not record who runs a server, so the provider is named after the host that serves it. */
    private static ServiceInfo.Organization providerOf(String baseUrl) {
        URI uri = URI.create(baseUrl);
        String origin = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
        return new ServiceInfo.Organization(uri.getHost(), origin);
    }
}
