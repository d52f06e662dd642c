package org.fedimpute.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One platform service started from the jar its module built, as its own JVM, the way {@code ./platform up} and a
 * container run it; its output goes to {@code target/e2e-logs}, and it is stopped with SIGTERM like in production.
 * Fault tests may kill it (SIGKILL, as the kernel's OOM killer or a lost machine does) and start it again with the
 * same port and configuration.
 */
final class ServiceProcess implements AutoCloseable {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Map<String, String> environment;
    private final Path log;
    private volatile Process process;

    private ServiceProcess(String name, int port, Map<String, String> environment, Path log) {
        this.name = name;
        this.port = port;
        this.environment = Map.copyOf(environment);
        this.log = log;
    }

    /** The jar of a service module, if this build produced it. */
    static Path jarOf(String module) {
        return ROOT.resolve(module).resolve("target").resolve(module + ".jar");
    }

    static ServiceProcess start(String module, int port, Map<String, String> environment) throws IOException {
        Path log = Path.of("target", "e2e-logs", module + ".log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        Files.deleteIfExists(log);
        ServiceProcess service = new ServiceProcess(module, port, environment, log);
        service.launch();
        return service;
    }

    private void launch() throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Xshare:auto",
                "-jar",
                jarOf(name).toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        process = builder.start();
    }

    /** Kills the service at once (SIGKILL): no shutdown hook runs, nothing in hand is finished or handed back. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Starts a killed or stopped service again, as its supervisor would, and waits until it is ready. */
    void startAgain(Duration timeout) throws IOException, InterruptedException {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        launch();
        awaitReady(timeout);
    }

    String name() {
        return name;
    }

    /** Waits until the service's readiness probe answers 200, or fails with the end of its log. */
    ServiceProcess awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest readiness = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2))
                .build();
        String lastAnswer = "none";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited while starting:\n" + tail());
            }
            try {
                int status = http.send(readiness, HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                if (status == 200) {
                    return this;
                }
                lastAnswer = "HTTP " + status;
            } catch (IOException notYetListening) {
                lastAnswer = notYetListening.toString();
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " was not ready after " + timeout + " (last readiness answer: "
                + lastAnswer + "):\n" + tail() + "\n" + mainThread());
    }

    /**
     * The service's main thread, from a thread dump ({@code jcmd Thread.print}): a start that does not finish is held
     * there, since readiness waits for the ready-event listeners that it runs.
     */
    private String mainThread() throws InterruptedException {
        Path jcmd =
                Path.of(ProcessHandle.current().info().command().orElse("java")).resolveSibling("jcmd");
        List<String> main = new ArrayList<>();
        try {
            Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "Thread.print")
                    .redirectErrorStream(true)
                    .start();
            boolean inMain = false;
            for (String line : new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList()) {
                inMain = line.startsWith("\"main\"") || (inMain && !line.isBlank());
                if (inMain) {
                    main.add(line);
                }
            }
            dump.waitFor();
        } catch (IOException noDump) {
            return "no thread dump: " + noDump;
        }
        return main.isEmpty() ? "no main thread in the thread dump" : "main thread:\n" + String.join("\n", main);
    }

    /** Waits until every one of the services is ready, in parallel, failing with the first one's log tail if not. */
    static void awaitAllReady(Duration timeout, ServiceProcess... services) {
        CompletableFuture.allOf(Arrays.stream(services)
                        .map(service -> CompletableFuture.runAsync(() -> {
                            try {
                                service.awaitReady(timeout);
                            } catch (IOException | InterruptedException e) {
                                throw new IllegalStateException(e);
                            }
                        }))
                        .toArray(CompletableFuture[]::new))
                .join();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
