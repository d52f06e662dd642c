package org.fedimpute.gateway;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.json.JsonMapper;

/** A stand-in for one service behind the gateway that answers with what it received, so tests can see it. */
final class EchoUpstream implements AutoCloseable {

    private static final JsonMapper json = JsonMapper.builder().build();

    private final String name;
    private final HttpServer server;
    private final AtomicInteger calls = new AtomicInteger();

    EchoUpstream(String name) {
        this.name = name;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            if (exchange.getRequestURI().getPath().endsWith("/slow")) {
                pause(20);
            }
            calls.incrementAndGet();
            Map<String, Object> seen = new LinkedHashMap<>();
            seen.put("upstream", name);
            seen.put("path", exchange.getRequestURI().getPath());
            seen.put("requestId", exchange.getRequestHeaders().getFirst("X-Request-Id"));
            seen.put("userIdHeader", exchange.getRequestHeaders().getFirst("X-User-Id"));
            seen.put("authorization", exchange.getRequestHeaders().getFirst("Authorization"));
            seen.put("forwardedFor", exchange.getRequestHeaders().get("X-Forwarded-For"));
            seen.put("forwarded", exchange.getRequestHeaders().getFirst("Forwarded"));
            seen.put(
                    "headerNames",
                    exchange.getRequestHeaders().keySet().stream()
                            .map(header -> header.toLowerCase(Locale.ROOT))
                            .sorted()
                            .toList());
            byte[] body = json.writeValueAsBytes(seen);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("X-Request-Id", String.valueOf(seen.get("requestId")));
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String name() {
        return name;
    }

    /** How many requests reached this upstream so far. */
    int calls() {
        return calls.get();
    }

    static Map<String, Object> parse(String body) {
        return json.readValue(body.getBytes(StandardCharsets.UTF_8), Map.class);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
