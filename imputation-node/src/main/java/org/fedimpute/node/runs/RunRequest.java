package org.fedimpute.node.runs;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A WES run request as the hub submitted it, kept to echo in the run log: the JSON-valued fields are objects here,
 * not the strings they arrive as.
 *
 * @param workflowParams the workflow's parameters ({@code refpanel}, {@code build}, {@code population},
 *     {@code r2Filter}, {@code input}); an empty object where none were given
 * @param workflowEngineParameters engine parameters, kept but not used; an empty object where none were given
 * @param tags the hub's tags for the run; an empty object where none were given
 */
public record RunRequest(
        @JsonProperty("workflow_type") String workflowType,
        @JsonProperty("workflow_type_version") String workflowTypeVersion,
        @JsonProperty("workflow_url") String workflowUrl,
        @JsonProperty("workflow_engine") String workflowEngine,
        @JsonProperty("workflow_engine_version") String workflowEngineVersion,
        @JsonProperty("workflow_params") JsonNode workflowParams,
        @JsonProperty("workflow_engine_parameters") JsonNode workflowEngineParameters,
        @JsonProperty("tags") JsonNode tags) {

    public RunRequest {
        workflowParams = orEmpty(workflowParams);
        workflowEngineParameters = orEmpty(workflowEngineParameters);
        tags = orEmpty(tags);
    }

    private static JsonNode orEmpty(JsonNode node) {
        return node == null || node.isNull() ? JsonNodeFactory.instance.objectNode() : node;
    }
}
