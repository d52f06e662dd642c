package org.fedimpute.registry.sync;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * A GA4GH WES node's service-info (WES 1.0 and 1.1), as far as the platform uses it: who the node is, which workflow
 * types, WES versions and engines it runs, how busy it is, and the reference panels it offers. Other features read
 * the same document (the engine versions, the state counts), so the record and its parser are public.
 *
 * @param workflowEngineVersions engine versions by engine; WES 1.1 writes
 *     {@code {ENGINE:{workflow_engine_version:[…]}}}, WES 1.0 {@code {ENGINE:"version"}}, and both read the same here
 * @param referencePanels the panels the node offers, from the platform node's {@code reference_panels} extension or
 *     a third-party node's {@code tags.reference_panels} (comma-separated keys); null when the node says nothing
 *     about panels
 */
public record WesServiceInfo(
        String id,
        String name,
        ServiceType type,
        Organization organization,
        String version,
        String description,
        Map<String, List<String>> workflowTypeVersions,
        List<String> supportedWesVersions,
        List<String> supportedFilesystemProtocols,
        Map<String, List<String>> workflowEngineVersions,
        Map<String, Long> systemStateCounts,
        Map<String, String> tags,
        List<OfferedPanel> referencePanels) {

    public WesServiceInfo {
        workflowTypeVersions = Map.copyOf(workflowTypeVersions);
        supportedWesVersions = List.copyOf(supportedWesVersions);
        supportedFilesystemProtocols = List.copyOf(supportedFilesystemProtocols);
        workflowEngineVersions = Map.copyOf(workflowEngineVersions);
        systemStateCounts = Map.copyOf(systemStateCounts);
        tags = Map.copyOf(tags);
        referencePanels = referencePanels == null ? null : List.copyOf(referencePanels);
    }

    /** The GA4GH service type, such as {@code org.ga4gh:wes:1.1.0}. */
    public record ServiceType(String group, String artifact, String version) {}

    /** The organisation that runs the node. */
    public record Organization(String name, String url) {}

    /**
     * A reference panel as the node describes it; what it does not say is null.
     *
     * @param id the key the node expects back in a run's {@code workflow_params.refpanel}
     */
    public record OfferedPanel(
            String id, String name, String build, List<String> populations, Integer samples, Long variants) {

        public OfferedPanel {
            populations = populations == null ? null : List.copyOf(populations);
        }
    }

    /**
     * Reads a service-info document, leniently: members it lacks or cannot read are null or empty.
     *
     * @throws IllegalArgumentException when the document is not a JSON object
     */
    public static WesServiceInfo parse(JsonNode document) {
        if (!document.isObject()) {
            throw new IllegalArgumentException("a service-info document is a JSON object");
        }
        JsonNode type = document.path("type");
        JsonNode organization = document.path("organization");
        Map<String, String> tags = strings(document.path("tags"));
        return new WesServiceInfo(
                text(document.path("id")),
                text(document.path("name")),
                type.isObject()
                        ? new ServiceType(
                                text(type.path("group")), text(type.path("artifact")), text(type.path("version")))
                        : null,
                organization.isObject()
                        ? new Organization(text(organization.path("name")), text(organization.path("url")))
                        : null,
                text(document.path("version")),
                text(document.path("description")),
                versions(document.path("workflow_type_versions"), "workflow_type_version"),
                list(document.path("supported_wes_versions")),
                list(document.path("supported_filesystem_protocols")),
                versions(document.path("workflow_engine_versions"), "workflow_engine_version"),
                counts(document.path("system_state_counts")),
                tags,
                panels(document.path("reference_panels"), tags.get("reference_panels")));
    }

    /**
     * Versions by name from {@code {NAME:{<member>:[…]}}} (WES 1.1, and workflow types in 1.0) or
     * {@code {NAME:"version"}} (engines in 1.0).
     */
    private static Map<String, List<String>> versions(JsonNode byName, String member) {
        Map<String, List<String>> versions = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : byName.properties()) {
            JsonNode value = entry.getValue();
            versions.put(entry.getKey(), value.isObject() ? list(value.path(member)) : list(value));
        }
        return versions;
    }

    private static List<OfferedPanel> panels(JsonNode extension, String tag) {
        if (extension.isArray()) {
            return extension
                    .valueStream()
                    .filter(panel -> text(panel.path("id")) != null)
                    .map(WesServiceInfo::panel)
                    .toList();
        }
        if (tag != null) {
            return Arrays.stream(tag.split(","))
                    .map(String::strip)
                    .filter(key -> !key.isEmpty())
                    .distinct()
                    .map(key -> new OfferedPanel(key, null, null, null, null, null))
                    .toList();
        }
        return null;
    }

    /**
     * One entry of the {@code reference_panels} extension:
     * {@code {"id","name","build","populations","samples","variants"}}.
     */
    private static OfferedPanel panel(JsonNode panel) {
        Long samples = count(panel.path("samples"));
        return new OfferedPanel(
                text(panel.path("id")),
                text(panel.path("name")),
                PanelVocabulary.build(text(panel.path("build"))),
                panel.path("populations").isArray()
                        ? PanelVocabulary.populations(list(panel.path("populations")))
                        : null,
                samples != null && samples <= Integer.MAX_VALUE ? samples.intValue() : null,
                count(panel.path("variants")));
    }

    /** A non-blank scalar as text; null for anything else. */
    private static String text(JsonNode node) {
        if (!node.isValueNode() || node.isNull()) {
            return null;
        }
        String text = node.asString("").strip();
        return text.isEmpty() ? null : text;
    }

    /** An array of scalars as texts, or one scalar as a list of one. */
    private static List<String> list(JsonNode node) {
        if (node.isArray()) {
            return node.valueStream()
                    .map(WesServiceInfo::text)
                    .filter(Objects::nonNull)
                    .toList();
        }
        String one = text(node);
        return one == null ? List.of() : List.of(one);
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> strings = new LinkedHashMap<>();
        object.properties().forEach(entry -> {
            String value = text(entry.getValue());
            if (value != null) {
                strings.put(entry.getKey(), value);
            }
        });
        return strings;
    }

    private static Map<String, Long> counts(JsonNode object) {
        Map<String, Long> counts = new LinkedHashMap<>();
        object.properties().forEach(entry -> {
            Long count = count(entry.getValue());
            if (count != null) {
                counts.put(entry.getKey(), count);
            }
        });
        return counts;
    }

    /** A whole, non-negative number; null for anything else. */
    private static Long count(JsonNode node) {
        return node.isIntegralNumber() && node.canConvertToLong() && node.longValue() >= 0 ? node.longValue() : null;
    }
}
