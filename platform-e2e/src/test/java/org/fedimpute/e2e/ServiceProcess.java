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
import java.util.regex.Pattern;
import org.springframework.util.FileSystemUtils;

/**
 * One platform service started from the jar its module built, as its own JVM, the way {@code ./platform up} runs it:
 * from the jar's extracted layout ({@code -Djarmode=tools extract}), so that classes load through the JDK's own class
 * loader from plain jars. Run as a nested fat jar, Spring Boot's loader can deadlock a service at start: a class
 * load the JVM starts pins its carrier thread while it waits for the nested jar's lock, and the virtual thread that
 * holds the lock then waits for a carrier that never comes free (seen here on two cores as a service whose every
 * virtual thread stopped; spring-projects/spring-boot#51463). Its output goes to {@code target/e2e-logs}, and it is
 * stopped with SIGTERM like in production. Fault tests may kill it (SIGKILL, as the kernel's OOM killer or a lost
 * machine does) and start it again with the same port and configuration. Like {@code ./platform up}, it gives virtual
 * threads at least 8 carriers, so that the pinning that remains (a JVM-initiated class load waiting for a
 * class-loading lock) cannot hold every carrier.
 */
final class ServiceProcess implements AutoCloseable {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern CARRIER = Pattern.compile("\"ForkJoinPool-\\d+-worker-");
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
        String java = java();
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Xshare:auto",
                "-Djdk.virtualThreadScheduler.parallelism="
                        + Math.max(8, Runtime.getRuntime().availableProcessors()),
                "-jar",
                extractedJarOf(name).toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        process = builder.start();
    }

    /**
     * The service's jar extracted beside its libraries, whose manifest puts them on the class path; extracted again
     * whenever the built jar is not the one a finished extraction recorded (its time and size).
     */
    private static synchronized Path extractedJarOf(String module) throws IOException {
        Path directory = Path.of("target", "e2e-apps", module).toAbsolutePath();
        Path extracted = directory.resolve(module + ".jar");
        Path marker = directory.resolve(".extracted-from");
        Path built = jarOf(module);
        String builtJar = Files.getLastModifiedTime(built).toMillis() + ":" + Files.size(built);
        if (Files.exists(marker) && Files.readString(marker).equals(builtJar)) {
            return extracted;
        }
        FileSystemUtils.deleteRecursively(directory);
        try {
            run(java(), "-Djarmode=tools", "-jar", built.toString(), "extract", "--destination", directory.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while extracting " + built, e);
        }
        Files.writeString(marker, builtJar);
        return extracted;
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
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
                + lastAnswer + "):\n" + tail() + "\n" + threads());
    }

    /**
     * What the service's threads were doing when it did not become ready. The whole dump, virtual threads included
     * ({@code jcmd Thread.dump_to_file}), goes beside its log; the answer names that file and shows the threads that
     * a stuck start or a stuck request is found on: {@code main}, which runs the ready-event listeners, and the
     * carriers of virtual threads ({@code Thread.print} shows the virtual thread each one has mounted, so carriers
     * held by pinned threads show up there).
     */
    private String threads() throws InterruptedException {
        Path jcmd = Path.of(java()).resolveSibling("jcmd");
        Path dumpFile = log.resolveSibling(name + "-threads-" + process.pid() + ".txt");
        try {
            Files.deleteIfExists(dumpFile);
            run(jcmd.toString(), Long.toString(process.pid()), "Thread.dump_to_file", dumpFile.toString());
            List<String> shown = new ArrayList<>();
            boolean inShownThread = false;
            for (String line : run(jcmd.toString(), Long.toString(process.pid()), "Thread.print")
                    .lines()
                    .toList()) {
                if (line.startsWith("\"")) {
                    inShownThread =
                            line.startsWith("\"main\"") || CARRIER.matcher(line).lookingAt();
                }
                if (inShownThread) {
                    shown.add(line);
                }
            }
            return "all threads, virtual ones too, in " + dumpFile + "\n" + String.join("\n", shown);
        } catch (IOException noDump) {
            return "no thread dump: " + noDump;
        }
    }

    /** Runs a command to its end and answers its output; one that fails is an error carrying that output. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process running = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(running.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int status = running.waitFor();
        if (status != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + status + ": " + output.strip());
        }
        return output;
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
