package org.fedimpute.registry.sync;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fedimpute.registry.panels.RemotePanel;
import org.fedimpute.registry.services.ServiceEndpoint;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the reference panels a Michigan-type (Cloudgene v2) server offers: {@code GET /api/v2/server} confirms the
 * service's app exists there, {@code GET /api/v2/server/apps/{appId}} describes it, and its {@code refpanel} and
 * {@code population} parameters are the panels. Both calls carry the registry's catalogue token as the raw
 * {@code X-Auth-Token} header, since current servers list an app's parameters only to a signed-in user.
 */
@Component
class MichiganCatalogueClient {

    private final JsonMapper json;

    MichiganCatalogueClient(JsonMapper json) {
        this.json = json;
    }

    /** Every panel the service's app offers now; a {@link SyncFailure} when the server cannot tell. */
    List<RemotePanel> offeredPanels(ServiceEndpoint service, Optional<String> catalogueToken) {
        Map<String, String> headers =
                catalogueToken.map(token -> Map.of("X-Auth-Token", token)).orElse(Map.of());
        try (RemoteServer server = RemoteServer.open(service, json)) {
            confirmApp(service.michiganAppId(), server.get("/api/v2/server", headers));
            return panelsOf(server.get("/api/v2/server/apps/" + service.michiganAppId(), headers));
        } catch (SyncFailure failure) {
            if (failure.httpStatus() != 401) {
                throw failure;
            }
            String remedy = "PUT /api/v1/admin/services/" + service.id() + "/catalogue-token";
            throw new SyncFailure(
                    catalogueToken.isEmpty()
                            ? "needs a catalogue token: " + remedy
                            : "the server refused the catalogue token (HTTP 401; expired?): store a new one with "
                                    + remedy,
                    401);
        }
    }

    /** A server that lists its apps (it does only to a signed-in user) must list the service's. */
    private static void confirmApp(String appId, JsonNode server) {
        JsonNode apps = server.path("apps");
        if (!apps.isArray() || apps.isEmpty()) {
            return;
        }
        List<String> offered = apps.valueStream()
                .map(app -> app.path("id").asString(""))
                .filter(id -> !id.isBlank())
                .toList();
        if (!offered.contains(appId)) {
            throw new SyncFailure(
                    "app " + appId + " not offered by the server (offers: " + String.join(", ", offered) + ")");
        }
    }

    /**
     * The panels of a Cloudgene app description: each option of the {@code refpanel} parameter is a panel (its key is
     * what a submit sends back, its value the readable name); the {@code population} parameter, a list bound to the
     * refpanel, gives each panel's population codes. The {@code build} parameter is the input build the app accepts,
     * not the panel's, so a panel's build is only taken from its key or name when they say it.
     */
    static List<RemotePanel> panelsOf(JsonNode app) {
        JsonNode params = app.path("params");
        if (!params.isArray()) {
            throw new SyncFailure("the app description has no params list");
        }
        JsonNode refpanel = param(params, "refpanel")
                .orElseThrow(() -> new SyncFailure("the app description has no refpanel parameter"));
        Populations populations =
                param(params, "population").map(Populations::of).orElse(Populations.NONE);
        List<RemotePanel> panels = new ArrayList<>();
        for (JsonNode option : refpanel.path("values")) {
            String key = option.path("key").asString("").strip();
            if (key.isEmpty()) {
                continue;
            }
            String name = option.path("value").asString("").strip();
            String displayName = name.isEmpty() ? null : name;
            panels.add(new RemotePanel(
                    key,
                    displayName,
                    PanelVocabulary.buildMentionedIn(key, displayName),
                    populations.of(key),
                    null,
                    null));
        }
        return panels;
    }

    private static Optional<JsonNode> param(JsonNode params, String id) {
        return params.valueStream()
                .filter(param -> id.equals(param.path("id").asString("")))
                .findFirst();
    }

    /**
     * The population codes (lower case) of each panel, from a {@code binded_list} bound to the refpanel
     * ({@code [{"key":<panel key>,"values":[{"key":"eur","value":"EUR"}]}]}), or of every panel from a plain list;
     * null for a panel the server says nothing about.
     */
    private record Populations(Map<String, List<String>> byPanel, List<String> everyPanel) {

        static final Populations NONE = new Populations(Map.of(), null);

        static Populations of(JsonNode param) {
            Map<String, List<String>> byPanel = new HashMap<>();
            for (JsonNode entry : param.path("values")) {
                if (entry.path("values").isArray()) {
                    byPanel.put(entry.path("key").asString("").strip(), codes(entry.path("values")));
                }
            }
            if (!byPanel.isEmpty()) {
                return new Populations(byPanel, null);
            }
            List<String> unbound = codes(param.path("values"));
            return unbound.isEmpty() ? NONE : new Populations(Map.of(), unbound);
        }

        List<String> of(String panelKey) {
            return byPanel.getOrDefault(panelKey, everyPanel);
        }

        private static List<String> codes(JsonNode options) {
            return PanelVocabulary.populations(options.valueStream()
                    .map(option -> option.path("key").asString(""))
                    .toList());
        }
    }
}
