package org.fedimpute.monitoring;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

/**
 * The rest of the platform as monitoring-service sees it, on one WireMock server: user-service's token endpoint,
 * the registry's catalogue, file-manager's storage totals, and two polled services under {@code /alpha} and
 * {@code /beta}. Only requests carrying monitoring-service's token get the registry's and file-manager's answers.
 */
public final class PlatformStub {

    public static final String TOKEN = "monitoring-service-token";
    public static final long STORED_BYTES = 123_456_789_012L;
    public static final String MICHIGAN_ID = "00000000-0000-0000-0000-0000000000a1";
    public static final String NODE_ID = "00000000-0000-0000-0000-0000000000a2";
    /** When the registry last checked the Michigan server, as its catalogue says. */
    public static final String MICHIGAN_CHECKED_AT = "2026-03-03T11:55:00Z";

    private static final WireMockServer SERVER = start();

    private PlatformStub() {}

    public static String baseUrl() {
        return SERVER.baseUrl();
    }

    /** Stubs a polled service's readiness (its HTTP status) and, when {@code version} is given, its build info. */
    public static void polledService(String name, int readiness, String version) {
        SERVER.stubFor(get(urlEqualTo("/" + name + "/actuator/health/readiness"))
                .willReturn(aResponse()
                        .withStatus(readiness)
                        .withHeader("Content-Type", "application/json")
                        .withBody(readiness == 200 ? "{\"status\":\"UP\"}" : "{\"status\":\"OUT_OF_SERVICE\"}")));
        SERVER.stubFor(get(urlEqualTo("/" + name + "/actuator/info"))
                .willReturn(
                        version == null
                                ? okJson("{}")
                                : okJson("{\"build\":{\"artifact\":\"%s\",\"version\":\"%s\"}}"
                                        .formatted(name, version))));
    }

    /** Makes the registry's catalogue list these services (items of {@code GET /api/v1/services}). */
    public static void catalogue(String... items) {
        SERVER.stubFor(get(urlPathEqualTo("/api/v1/services"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(okJson("{\"items\":[" + String.join(",", items) + "],\"page\":0,\"size\":100,"
                        + "\"totalItems\":" + items.length + ",\"totalPages\":1}")));
    }

    /** Makes the registry answer its catalogue with 503, as while it restarts. */
    public static void registryUnavailable() {
        SERVER.stubFor(
                get(urlPathEqualTo("/api/v1/services")).willReturn(aResponse().withStatus(503)));
    }

    /** One service as the registry's catalogue lists it. */
    public static String listed(String id, String slug, String name, String health, String lastCheckedAt) {
        return """
                {"id":"%s","slug":"%s","name":"%s","kind":"MICHIGAN","active":true,\
                "status":{"health":"%s","lastCheckedAt":%s,"awaitingApproval":false},"panelCount":1}""".formatted(id, slug, name, health, lastCheckedAt == null ? "null" : "\"" + lastCheckedAt + "\"");
    }

    private static WireMockServer start() {
        WireMockServer server =
                new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        server.stubFor(post(urlPathEqualTo("/internal/service-tokens"))
                .willReturn(
                        okJson("{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
        server.stubFor(get(urlEqualTo("/internal/storage"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(okJson("{\"storedFiles\":42,\"storedBytes\":" + STORED_BYTES + "}")));
        return server;
    }

    /** The catalogue every test starts with: the Michigan server (healthy) and the local node (not checked yet). */
    public static void defaultCatalogue() {
        catalogue(
                listed(MICHIGAN_ID, "michigan", "Michigan Imputation Server", "HEALTHY", MICHIGAN_CHECKED_AT),
                listed(NODE_ID, "local-node", "FedImpute local node", "UNKNOWN", null));
    }

    static {
        defaultCatalogue();
    }
}
