package org.fedimpute.registry.ga4gh;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A service as GA4GH service-info 1.0 describes it; with {@code url}, the Service Registry's {@code ExternalService}.
 * Optional members the registry does not know are left out rather than sent as null.
 *
 * @param id reverse-domain id, unique across registries ({@code org.fedimpute.registry.h3africa})
 * @param version the version of the service described; for a catalogued server, the revision of its catalogue entry
 * @param url the base URL that paths of the service's own specification are appended to; null for the registry itself
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ServiceInfo(
        String id,
        String name,
        Type type,
        String description,
        Organization organization,
        String contactUrl,
        String documentationUrl,
        Instant createdAt,
        Instant updatedAt,
        String environment,
        String version,
        String url) {

    /**
     * The specification a service implements, as {@code group:artifact:version}.
     *
     * @param group reverse domain of the body that owns the specification ({@code org.ga4gh})
     * @param artifact the specification without version ({@code wes})
     */
    record Type(String group, String artifact, String version) {}

    /** Who provides a service. */
    record Organization(String name, String url) {}
}
