package org.fedimpute.platform.clients;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * JDK HTTP clients for calls to servers outside the platform (imputation servers' probes and jobs), kept per connect
 * timeout, the only per-client setting a service's own timeouts change: HTTP/1.1, redirects followed, answers
 * delivered on virtual threads. Closing it shuts every client down.
 */
public final class RemoteHttpClients implements AutoCloseable {

    private final ExecutorService httpThreads = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<Duration, HttpClient> clients = new ConcurrentHashMap<>();

    /** The client that gives up connecting after {@code connectTimeout}. */
    public HttpClient withConnectTimeout(Duration connectTimeout) {
        return clients.computeIfAbsent(
                connectTimeout,
                timeout -> HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .connectTimeout(timeout)
                        .executor(httpThreads)
                        .build());
    }

    @Override
    public void close() {
        clients.values().forEach(HttpClient::shutdownNow);
        httpThreads.shutdownNow();
    }
}
