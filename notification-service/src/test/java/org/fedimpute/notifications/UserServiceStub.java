package org.fedimpute.notifications;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.util.UUID;

/** user-service as notification-service sees it: the service-token endpoint and each user's contact. */
public final class UserServiceStub {

    private static final WireMockServer SERVER = start();

    private UserServiceStub() {}

    public static String baseUrl() {
        return SERVER.baseUrl();
    }

    /** A new researcher with an active account; answers the id. */
    public static UUID researcher() {
        UUID id = UUID.randomUUID();
        contact(id, emailOf(id), true);
        return id;
    }

    public static String emailOf(UUID id) {
        return "ada-" + id + "@example.org";
    }

    public static void contact(UUID id, String email, boolean active) {
        SERVER.stubFor(get(urlEqualTo(contactPath(id)))
                .withHeader("Authorization", equalTo("Bearer notification-service-token"))
                .willReturn(
                        okJson("{\"email\":\"%s\",\"name\":\"Ada Lovelace\",\"active\":%s}".formatted(email, active))));
    }

    /** How often the user's contact was asked for. */
    public static int contactCalls(UUID id) {
        return SERVER.countRequestsMatching(
                        getRequestedFor(urlEqualTo(contactPath(id))).build())
                .getCount();
    }

    private static String contactPath(UUID id) {
        return "/internal/users/" + id + "/contact";
    }

    private static WireMockServer start() {
        WireMockServer server =
                new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        server.stubFor(post(urlPathEqualTo("/internal/service-tokens"))
                .willReturn(okJson("{\"access_token\":\"notification-service-token\",\"token_type\":\"Bearer\","
                        + "\"expires_in\":3600}")));
        return server;
    }
}
