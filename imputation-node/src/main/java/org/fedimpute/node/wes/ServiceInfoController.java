package org.fedimpute.node.wes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fedimpute.node.pipeline.ImputationWorkflow;
import org.fedimpute.node.runs.Runs;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * GA4GH service-info of the node, open to anyone: the platform's registry reads it as the node's health probe, and
 * hubs read which engines are installed, which panels are offered and how busy the node is. Where no engine is
 * installed it says so plainly, in its description and a tag.
 */
@RestController
@EnableConfigurationProperties(ServiceInfoProperties.class)
class ServiceInfoController {

    static final String NO_ENGINE_TAG = "engine_unavailable";

    private final ServiceInfoProperties properties;
    private final ImputationWorkflow workflow;
    private final Runs runs;
    private final String version;

    ServiceInfoController(ServiceInfoProperties properties, ImputationWorkflow workflow, Runs runs) {
        this.properties = properties;
        this.workflow = workflow;
        this.runs = runs;
        // The jar's manifest has the version; classes run from a build directory have none.
        this.version = Objects.requireNonNullElse(getClass().getPackage().getImplementationVersion(), "development");
    }

    @GetMapping(WesErrors.API + "/service-info")
    Map<String, Object> serviceInfo() {
        String unavailable = workflow.unavailableReason().orElse(null);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("id", properties.id());
        info.put("name", properties.name());
        info.put("type", Map.of("group", "org.ga4gh", "artifact", "wes", "version", "1.1.0"));
        info.put(
                "description",
                unavailable == null
                        ? properties.description()
                        : unavailable + (properties.description() == null ? "" : " " + properties.description()));
        info.put(
                "organization",
                Map.of(
                        "name", properties.organization().name(),
                        "url", properties.organization().url().toString()));
        info.put("contactUrl", properties.contactUrl());
        info.put("documentationUrl", properties.documentationUrl());
        info.put("createdAt", properties.createdAt());
        info.put("updatedAt", properties.updatedAt());
        info.put("environment", properties.environment());
        info.put("version", version);
        info.put("workflow_type_versions", Map.of("IMPUTATION", Map.of("workflow_type_version", List.of("1.0"))));
        info.put("supported_wes_versions", List.of("1.1.0"));
        info.put("supported_filesystem_protocols", List.of("http", "https"));
        Map<String, Object> engines = new LinkedHashMap<>();
        for (ImputationWorkflow.EngineDescription engine : workflow.engines()) {
            engines.put(engine.name(), Map.of("workflow_engine_version", List.of(engine.version())));
        }
        info.put("workflow_engine_versions", engines);
        info.put("default_workflow_engine_parameters", List.of());
        Map<String, Long> counts = new LinkedHashMap<>();
        runs.stateCounts().forEach((state, count) -> counts.put(state.name(), count));
        info.put("system_state_counts", counts);
        info.put("auth_instructions_url", properties.authInstructionsUrl());
        info.put("tags", unavailable == null ? Map.of() : Map.of(NO_ENGINE_TAG, unavailable));
        info.put("reference_panels", workflow.panels());
        return info;
    }
}
