package org.fedimpute.registry.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.fedimpute.registry.services.ServiceKind;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Benchmark (printed, not part of verify): one health cycle over 1,000 registered services, half Michigan and half
 * WES, behind a loopback stub that answers each probe after 200 ms. Prints the wall time, probes per second, the most
 * probes in flight at once as the stub saw them, and the JVM's platform threads, for a first cycle (every service
 * changes from UNKNOWN, so 1,000 events are written) and a steady one. Run with
 * {@code ./mvnw -o verify -pl service-registry -Dgroups=benchmark -DexcludedGroups=}.
 */
@Tag("benchmark")
class HealthCycleBenchmarkTests extends HealthIntegrationSupport {

    private static final int SERVICES = 1_000;
    private static final Duration ANSWER_DELAY = Duration.ofMillis(200);

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();

    @Autowired
    HealthProperties properties;

    @Test
    void oneCycleOverAThousandServicesBehindASlowStub() throws IOException {
        try (ExecutorService stubThreads = Executors.newVirtualThreadPerTaskExecutor()) {
            HttpServer stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4_096);
            stub.setExecutor(stubThreads);
            stub.createContext("/", this::answerSlowly);
            stub.start();
            try {
                String base = "http://127.0.0.1:" + stub.getAddress().getPort();
                for (int i = 0; i < SERVICES; i++) {
                    ServiceKind kind = i % 2 == 0 ? ServiceKind.MICHIGAN : ServiceKind.GA4GH_WES;
                    register("bench-%04d".formatted(i), kind, base + "/service-" + i);
                }
                System.out.printf(
                        "%nHealth cycle benchmark: %d services, stub delay %d ms, maxConcurrentProbes %d, %d CPUs%n",
                        SERVICES,
                        ANSWER_DELAY.toMillis(),
                        properties.maxConcurrentProbes(),
                        Runtime.getRuntime().availableProcessors());
                measure("first cycle (all UNKNOWN -> HEALTHY, 1,000 events)");
                measure("steady cycle (no change)");
                // Let the relay publish the 1,000 events before the JVM stops Redis under it.
                await().atMost(Duration.ofMinutes(1)).until(() -> pendingEvents() == 0);
            } finally {
                stub.stop(0);
            }
        }
    }

    private void measure(String label) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int threadsBefore = threads.getThreadCount();
        threads.resetPeakThreadCount();
        mostInFlight.set(0);

        long started = System.nanoTime();
        CycleSummary summary = monitor.runCycle().orElseThrow();
        double wallSeconds = (System.nanoTime() - started) / 1e9;

        System.out.printf(
                "%s: wall %.2f s (cycle %d ms), %.0f probes/s, %d healthy, %d unhealthy, %d unfinished;"
                        + " most probes in flight at the stub %d; platform threads before %d, peak %d, after %d%n",
                label,
                wallSeconds,
                summary.took().toMillis(),
                summary.services() / wallSeconds,
                summary.healthy(),
                summary.unhealthy(),
                summary.unfinished(),
                mostInFlight.get(),
                threadsBefore,
                threads.getPeakThreadCount(),
                threads.getThreadCount());
        assertThat(summary.healthy())
                .as("every probe answered: the figures are meaningful")
                .isEqualTo(SERVICES);
    }

    private int pendingEvents() {
        return jdbc.queryForObject("SELECT count(*) FROM event_outbox WHERE published_at IS NULL", Integer.class);
    }

    private void answerSlowly(HttpExchange exchange) throws IOException {
        mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try (exchange) {
            Thread.sleep(ANSWER_DELAY);
            String answer = exchange.getRequestURI().getPath().endsWith("/service-info")
                    ? RecordedShapes.WES_1_1_SERVICE_INFO
                    : RecordedShapes.MICHIGAN_SERVER_ANONYMOUS;
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.decrementAndGet();
        }
    }
}
