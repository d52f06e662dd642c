package org.fedimpute.jobs.remote.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.fedimpute.jobs.remote.RemoteFailure;
import org.fedimpute.jobs.remote.RemoteFixtures;
import org.fedimpute.jobs.remote.RemoteTarget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The idle timeouts of transfers, against a server that stops mid-way: a download whose body stops is abandoned
 * after the read timeout and never requested again; an upload the server stops taking is abandoned too. A sink's
 * own failure is not taken for the server's.
 */
class RemoteCallsTests {

    private static final Refusals NONE = (status, answer) -> new RemoteFailure.Rejected("HTTP " + status);

    private final RemoteCalls calls = RemoteFixtures.calls(RemoteFixtures.quick());
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        // Answers the headers and a first kilobyte, then stops until the test ends.
        server.createContext("/stalls", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, 0);
            OutputStream body = exchange.getResponseBody();
            body.write(new byte[1024]);
            body.flush();
            awaitRelease();
            exchange.close();
        });
        // Takes nothing of the request body and never answers until the test ends.
        server.createContext("/deaf", exchange -> {
            requests.incrementAndGet();
            awaitRelease();
            exchange.close();
        });
        server.createContext("/fine", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, 3);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write("abc".getBytes());
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        server.stop(0);
        calls.close();
    }

    @Test
    void aDownloadThatStopsIsAbandonedAfterTheReadTimeoutAndNotRequestedAgain() {
        RemoteTarget target = target();

        assertThatThrownBy(() -> calls.download(target, request("/stalls"), NONE, RemoteCallsTests::readAll))
                .isInstanceOf(RemoteFailure.Unavailable.class)
                .hasMessage("The download from Michigan Imputation Server broke off after 1024 bytes"
                        + " (no data for 500 ms)");
        assertThat(requests).hasValue(1);
    }

    @Test
    void anUploadTheServerStopsTakingIsAbandonedAndNotRepeatedForItMayHaveArrived() {
        RemoteTarget target = target();
        long size = 64L * 1024 * 1024;
        MultipartBody body = new MultipartBody()
                .field("name", "value")
                .file("file", "big.bin", size, () -> RemoteFixtures.generated(size));

        assertThatThrownBy(() -> calls.upload(target, request("/deaf"), body, NONE))
                .isInstanceOf(RemoteFailure.Unavailable.class)
                .hasMessage("Michigan Imputation Server did not answer within 500 ms");
        assertThat(requests).hasValue(1);
    }

    @Test
    void aSinksOwnFailurePassesThroughUnchanged() {
        IllegalStateException storageFull = new IllegalStateException("storage full");

        assertThatThrownBy(() -> calls.download(target(), request("/fine"), NONE, stream -> {
                    throw storageFull;
                }))
                .isSameAs(storageFull);
        assertThat(requests).hasValue(1);
    }

    private RemoteTarget target() {
        return RemoteFixtures.target(
                "stalling", "http://127.0.0.1:" + server.getAddress().getPort(), Duration.ofMillis(500));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path));
    }

    private void awaitRelease() {
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] readAll(InputStream stream) {
        try {
            return stream.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
