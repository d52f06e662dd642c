package org.fedimpute.node.runs;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fedimpute.node.pipeline.ImputationRequest;
import org.fedimpute.node.pipeline.ImputationWorkflow;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Checks a run request before anything of it is queued: the WES fields the node's imputation workflow needs, its
 * parameters, the hosts of input URLs, and whether the imputation workflow can take it at all.
 */
@Component
class RunChecks {

    static final String WORKFLOW_TYPE = "IMPUTATION";
    static final String WORKFLOW_TYPE_VERSION = "1.0";

    private static final Pattern WORKFLOW_URL = Pattern.compile("imputation/([a-z0-9][a-z0-9_-]*)");

    private final ImputationWorkflow workflow;
    private final RunProperties properties;

    RunChecks(ImputationWorkflow workflow, RunProperties properties) {
        this.workflow = workflow;
        this.properties = properties;
    }

    /** The request's imputation, checked but for its input files; throws {@link RunRefused} saying what is wrong. */
    Checked check(RunRequest request) {
        require("workflow_type", request.workflowType());
        require("workflow_type_version", request.workflowTypeVersion());
        require("workflow_url", request.workflowUrl());
        if (!WORKFLOW_TYPE.equals(request.workflowType())) {
            throw new RunRefused("workflow_type must be " + WORKFLOW_TYPE + ", not " + request.workflowType());
        }
        if (!WORKFLOW_TYPE_VERSION.equals(request.workflowTypeVersion())) {
            throw new RunRefused("workflow_type_version must be " + WORKFLOW_TYPE_VERSION + ", not "
                    + request.workflowTypeVersion());
        }
        Matcher url = WORKFLOW_URL.matcher(request.workflowUrl());
        if (!url.matches()) {
            throw new RunRefused("workflow_url must name the engine as imputation/<engine> (for example"
                    + " imputation/beagle), not " + request.workflowUrl());
        }
        String engine = url.group(1);
        if (request.workflowEngine() != null
                && !request.workflowEngine().isBlank()
                && !request.workflowEngine().equals(engine)) {
            throw new RunRefused("workflow_engine " + request.workflowEngine() + " is not the engine workflow_url "
                    + request.workflowUrl() + " names");
        }
        JsonNode params = request.workflowParams();
        if (!params.isObject()) {
            throw new RunRefused("workflow_params must be a JSON object");
        }
        Checked checked = new Checked(
                engine,
                text(params, "refpanel", true),
                text(params, "build", true),
                text(params, "population", false),
                r2Filter(params),
                inputUrls(params));
        workflow.refusal(checked.imputation(List.of())).ifPresent(reason -> {
            throw new RunRefused(reason);
        });
        return checked;
    }

    private static void require(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new RunRefused(field + " is required");
        }
    }

    private static String text(JsonNode params, String name, boolean required) {
        JsonNode value = params.path(name);
        if (value.isMissingNode()
                || value.isNull()
                || (value.isString() && value.asString().isBlank())) {
            if (required) {
                throw new RunRefused("workflow_params." + name + " is required");
            }
            return null;
        }
        if (!value.isString()) {
            throw new RunRefused("workflow_params." + name + " must be a string");
        }
        return value.asString();
    }

    private static double r2Filter(JsonNode params) {
        JsonNode value = params.path("r2Filter");
        if (value.isMissingNode()
                || value.isNull()
                || (value.isString() && value.asString().isBlank())) {
            return 0;
        }
        double filter;
        if (value.isNumber()) {
            filter = value.asDouble();
        } else {
            try {
                filter = Double.parseDouble(value.asString().strip());
            } catch (NumberFormatException e) {
                throw new RunRefused("workflow_params.r2Filter must be a number from 0 to 1, not " + value);
            }
        }
        if (!(filter >= 0 && filter <= 1)) {
            throw new RunRefused("workflow_params.r2Filter must be a number from 0 to 1, not " + value);
        }
        return filter;
    }

    private List<URI> inputUrls(JsonNode params) {
        JsonNode input = params.path("input");
        if (input.isMissingNode() || input.isNull()) {
            return List.of();
        }
        List<JsonNode> values = input.isArray() ? input.valueStream().toList() : List.of(input);
        List<URI> urls = new ArrayList<>();
        for (JsonNode value : values) {
            urls.add(inputUrl(value));
        }
        return urls;
    }

    private URI inputUrl(JsonNode value) {
        URI url;
        try {
            url = value.isString() ? new URI(value.asString()) : null;
        } catch (URISyntaxException e) {
            url = null;
        }
        if (url == null
                || url.getHost() == null
                || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
            throw new RunRefused(
                    "workflow_params.input must be an http or https URL (or a list of them), not " + value);
        }
        if (!properties.inputUrlHosts().contains(url.getHost().toLowerCase(Locale.ROOT))) {
            throw new RunRefused("This node does not fetch input from " + url.getHost()
                    + ": send the genotype file as a workflow_attachment, or ask the node's operators to allow the"
                    + " host");
        }
        return url;
    }

    /**
     * A request that passed the checks.
     *
     * @param inputUrls where to fetch input files from, as {@code workflow_params.input} gave them
     */
    record Checked(String engine, String panel, String build, String population, double r2Filter, List<URI> inputUrls) {

        ImputationRequest imputation(List<Path> inputs) {
            return new ImputationRequest(engine, panel, build, population, r2Filter, inputs);
        }
    }
}
