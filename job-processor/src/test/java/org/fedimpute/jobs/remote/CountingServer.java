package org.fedimpute.jobs.remote;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A server that counts the bytes of each request body and throws them away, for uploads too big for WireMock,
 * which keeps every request body in memory.
 */
public final class CountingServer implements AutoCloseable {

    private final HttpServer server;
    private final AtomicLong received = new AtomicLong();
    private final AtomicReference<String> contentLength = new AtomicReference<>();
    private final AtomicReference<String> contentType = new AtomicReference<>();

    public CountingServer(String answer) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            contentLength.set(exchange.getRequestHeaders().getFirst("Content-Length"));
            contentType.set(exchange.getRequestHeaders().getFirst("Content-Type"));
            byte[] buffer = new byte[64 * 1024];
            try (InputStream body = exchange.getRequestBody()) {
                for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
                    received.addAndGet(read);
                }
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public long received() {
        return received.get();
    }

    public String contentLength() {
        return contentLength.get();
    }

    public String contentType() {
        return contentType.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
