package org.fedimpute.node.wes;

import java.net.URI;
import java.time.Instant;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the node describes itself in GA4GH service-info; the operators of a partner site set their own organization.
 *
 * @param id the node's reverse-domain id
 * @param environment {@code prod}, {@code test}, {@code dev} or {@code staging}
 * @param createdAt when this node was set up, where the operators say so
 * @param updatedAt when it was last changed, where the operators say so
 */
@ConfigurationProperties("fedimpute.node.service-info")
record ServiceInfoProperties(
        @DefaultValue("org.fedimpute.node") String id,
        @DefaultValue("FedImpute imputation node") String name,
        String description,
        @DefaultValue Organization organization,
        URI contactUrl,
        URI documentationUrl,
        URI authInstructionsUrl,
        @DefaultValue("dev") String environment,
        Instant createdAt,
        Instant updatedAt) {

    /**
     * The organization running the node, which service-info requires.
     *
     * @param name its name
     * @param url its web site
     */
    record Organization(
            @DefaultValue("FedImpute") String name,
            @DefaultValue("https://github.com/fedimpute") URI url) {}
}
