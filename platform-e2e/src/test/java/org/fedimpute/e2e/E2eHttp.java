package org.fedimpute.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** The end-to-end tests' HTTP: a call that fails the test when it cannot be made, and a JSON answer read as a map. */
final class E2eHttp {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private E2eHttp() {}

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(request.method() + " " + request.uri() + " failed", e);
        }
    }

    /** The body of a successful (2xx) answer as a map; any other answer fails the test showing its body. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> read(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isLessThan(300);
        return JSON.readValue(response.body(), Map.class);
    }
}
