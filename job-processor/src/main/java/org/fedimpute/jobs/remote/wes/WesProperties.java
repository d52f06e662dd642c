package org.fedimpute.jobs.remote.wes;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What job-processor asks WES nodes to run.
 *
 * @param workflowUrl the {@code workflow_url} of imputation runs, naming the node's engine
 */
@Validated
@ConfigurationProperties("fedimpute.jobs.remote.wes")
record WesProperties(
        @DefaultValue("imputation/beagle") @NotBlank String workflowUrl) {}
