package org.fedimpute.registry.ga4gh;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the registry introduces itself and its services to GA4GH tooling.
 *
 * @param idPrefix reverse-domain prefix of every service id; a service's id is the prefix, a dot and its slug
 * @param environment the deployment, as service-info suggests: {@code prod}, {@code test}, {@code dev}, {@code staging}
 * @param organization who runs this registry
 * @param contactUrl where to reach its operators (a page or a {@code mailto:} URL); left out when not set
 * @param documentationUrl where its API is explained; left out when not set
 */
@ConfigurationProperties("fedimpute.registry.ga4gh")
@Validated
record Ga4ghRegistryProperties(
        @DefaultValue("org.fedimpute.registry") @Pattern(regexp = "[a-z0-9-]+(\\.[a-z0-9-]+)+")
        String idPrefix,

        @DefaultValue("prod") @NotBlank String environment,
        @DefaultValue @Valid Organization organization,
        String contactUrl,
        String documentationUrl) {

    /** The organization running the registry: service-info requires its name and URL. */
    record Organization(
            @DefaultValue("FedImpute") @NotBlank String name,
            @DefaultValue("http://localhost:8000") @NotBlank String url) {}
}
