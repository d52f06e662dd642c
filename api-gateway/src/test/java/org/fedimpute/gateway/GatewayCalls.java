package org.fedimpute.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** Calls the gateway under test over real HTTP, optionally from another loopback address to act as another client. */
final class GatewayCalls {

    private final HttpClient http;
    private final int port;

    private GatewayCalls(HttpClient http, int port) {
        this.http = http;
        this.port = port;
    }

    static GatewayCalls to(int port) {
        return new GatewayCalls(HttpClient.newHttpClient(), port);
    }

    /** A client whose connections come from {@code loopbackAddress} (any of 127.0.0.0/8), as a distinct client IP. */
    static GatewayCalls from(String loopbackAddress, int port) {
        try {
            return new GatewayCalls(
                    HttpClient.newBuilder()
                            .localAddress(InetAddress.getByName(loopbackAddress))
                            .build(),
                    port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(loopbackAddress, e);
        }
    }

    HttpResponse<String> get(String path) {
        return get(path, Map.of());
    }

    HttpResponse<String> get(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        headers.forEach(request::header);
        return send(request.GET().build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(request.method() + " " + request.uri() + " failed", e);
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    /** Asserts an RFC 9457 problem of this status that carries the request id the gateway returned. */
    static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(response.body())
                .contains("\"status\":" + status)
                .contains("\"requestId\":\"" + requestId + "\"")
                .doesNotContain("Exception");
    }

    /** A loopback port nothing listens on right now. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
