package org.fedimpute.jobs.remote.wes;

import jakarta.validation.constraints.NotBlank;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What job-processor asks WES nodes to run, and the hub's own tokens for nodes that trust the hub rather than each
 * researcher.
 *
 * @param workflowUrl the {@code workflow_url} of imputation runs, naming the node's engine
 * @param nodeTokens the bearer token this hub presents to a node, by the node's slug in the registry (the platform's
 *     own imputation node is configured with the token's SHA-256); a researcher's own token for the node wins
 */
@Validated
@ConfigurationProperties("fedimpute.jobs.remote.wes")
record WesProperties(
        @DefaultValue("imputation/beagle") @NotBlank String workflowUrl, Map<String, String> nodeTokens) {

    WesProperties {
        nodeTokens = nodeTokens == null ? Map.of() : Map.copyOf(nodeTokens);
    }

    @Override
    public String toString() {
        return "WesProperties[workflowUrl=" + workflowUrl + ", nodeTokens for " + nodeTokens.keySet() + "]";
    }
}
