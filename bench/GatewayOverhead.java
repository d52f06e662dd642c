import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark (printed, not asserted): the latency the gateway adds. The same endpoint, GET /api/v1/users/me, is
 * called through the gateway (:8000) and directly on user-service (:8001) by the same number of concurrent clients,
 * in two modes, and p50/p95/p99, throughput, errors and the CPU each process spent per request are printed for
 * both, with the gateway's difference.
 *
 * <ul>
 *   <li><b>closed loop</b>: every client sends its next request as soon as the previous one answered, with no
 *       think time. This finds the saturation throughput; latency is then mostly queueing for the 2 CPUs.
 *   <li><b>paced</b>: every client sends {@code rate} requests per second on its own fixed schedule (the clients'
 *       schedules are staggered evenly), a fixed total rate below saturation, as real clients behave. Latency is
 *       measured from the scheduled send time, so a client that falls behind counts its waiting too
 *       (no coordinated omission).
 * </ul>
 *
 * Needs a running `./platform up`. With {@code caller=admin} (the default) it calls as the first admin, whose
 * credentials come from the environment of a subshell that read {@code .platform/secrets.env}; admins are not
 * rate-limited. With {@code caller=researcher} it registers a new FREE researcher and calls as them, so every
 * request through the gateway is also counted against their allowance in Redis, as researchers' requests are; the
 * gateway must then allow that many, for example after
 * {@code FEDIMPUTE_GATEWAY_RATE_LIMIT_FREE=100000000 ./platform up}. HTTP/1.1 with keep-alive, one client per target.
 *
 * <pre>
 *   (set -a; . .platform/secrets.env; java bench/GatewayOverhead.java [clients=100] [requests=20000] [warmup=20000] \
 *       [rate=2] [seconds=30] [caller=admin|researcher])
 * </pre>
 *
 * {@code requests} is per target in the closed loop, after {@code warmup} closed-loop requests per target that are
 * not measured (the JIT compilers need that many on 2 busy cores before the gateway's CPU cost per request settles);
 * {@code rate} is requests per second per client and {@code seconds} the length of each paced run.
 */
public class GatewayOverhead {

    private static final String PATH = "/api/v1/users/me";

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int clients = Integer.parseInt(options.getOrDefault("clients", "100"));
        int requests = Integer.parseInt(options.getOrDefault("requests", "20000"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", Integer.toString(requests)));
        double rate = Double.parseDouble(options.getOrDefault("rate", "2"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "30"));
        String caller = options.getOrDefault("caller", "admin");

        Target direct = new Target("direct ", "http://127.0.0.1:8001", "user-service");
        Target gateway = new Target("gateway", "http://127.0.0.1:8000", "api-gateway", "user-service");
        String token = login(direct.http, caller);

        System.out.printf(
                "GET %s as %s, %d concurrent clients, HTTP/1.1 keep-alive; %d cores, load average %.2f%n",
                PATH, caller, clients, Runtime.getRuntime().availableProcessors(), loadAverage());
        System.out.println("CPU/req: each process's CPU time during the run divided by the requests answered"
                + " (its background work included, which weighs more at low rates)");
        for (Target target : new Target[] {gateway, direct}) {
            closedLoop(target, token, warmup, clients);
        }

        System.out.printf("%nclosed loop: %d requests per target, no think time%n", requests);
        Result closedDirect = measure(direct, () -> closedLoop(direct, token, requests, clients));
        Result closedGateway = measure(gateway, () -> closedLoop(gateway, token, requests, clients));
        printDifference(closedDirect, closedGateway);

        System.out.printf(
                "%npaced: %d clients x %.1f req/s = %.0f req/s for %d s per target, latency from the scheduled send%n",
                clients, rate, clients * rate, seconds);
        Result pacedDirect = measure(direct, () -> paced(direct, token, clients, rate, seconds));
        Result pacedGateway = measure(gateway, () -> paced(gateway, token, clients, rate, seconds));
        printDifference(pacedDirect, pacedGateway);
        System.out.printf("%nload average at the end: %.2f%n", loadAverage());
    }

    /** One way to reach the endpoint, with its own connection pool and the server processes it keeps busy. */
    private static final class Target {

        final String label;
        final String base;
        final HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        final String[] processes;
        final ProcessHandle[] servers;

        Target(String label, String base, String... processes) {
            this.label = label;
            this.base = base;
            this.processes = processes;
            this.servers = Arrays.stream(processes).map(GatewayOverhead::server).toArray(ProcessHandle[]::new);
        }

        HttpRequest request(String token) {
            return HttpRequest.newBuilder(URI.create(base + PATH))
                    .header("Authorization", "Bearer " + token)
                    .GET()
                    .build();
        }

        /** CPU time of every server process this target keeps busy, or -1 where the OS does not tell. */
        long[] serverCpuNanos() {
            return Arrays.stream(servers).mapToLong(GatewayOverhead::cpuNanos).toArray();
        }
    }

    /** Latencies of one run, in nanoseconds, sorted. */
    private record Result(Target target, long[] latencies, int errors, double seconds, long[] serverCpu, long ownCpu) {

        double p(double percentile) {
            int index = (int) Math.ceil(percentile / 100.0 * latencies.length) - 1;
            return latencies[Math.max(0, index)] / 1e6;
        }

        double throughput() {
            return latencies.length / seconds;
        }

        String cpuPerRequest() {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < serverCpu.length; i++) {
                text.append(target.processes[i])
                        .append(' ')
                        .append(serverCpu[i] < 0 ? "?" : String.format("%.0f", serverCpu[i] / 1e3 / latencies.length))
                        .append(" us, ");
            }
            return text.append(String.format("generator %.0f us", ownCpu / 1e3 / latencies.length))
                    .toString();
        }
    }

    /** What one run of the load hands back before its CPU cost is known. */
    private record Latencies(long[] sorted, int errors, double seconds) {}

    private interface Run {
        Latencies run() throws Exception;
    }

    private static Result measure(Target target, Run run) throws Exception {
        long[] serverBefore = target.serverCpuNanos();
        long ownBefore = cpuNanos(ProcessHandle.current());
        Latencies latencies = run.run();
        long[] serverAfter = target.serverCpuNanos();
        long[] serverCpu = new long[serverBefore.length];
        for (int i = 0; i < serverCpu.length; i++) {
            serverCpu[i] = serverBefore[i] < 0 || serverAfter[i] < 0 ? -1 : serverAfter[i] - serverBefore[i];
        }
        Result result = new Result(
                target,
                latencies.sorted(),
                latencies.errors(),
                latencies.seconds(),
                serverCpu,
                cpuNanos(ProcessHandle.current()) - ownBefore);
        System.out.printf(
                "  %s p50 %7.2f ms  p95 %7.2f ms  p99 %7.2f ms  %6.0f req/s  errors %d  CPU/req %s%n",
                target.label,
                result.p(50),
                result.p(95),
                result.p(99),
                result.throughput(),
                result.errors(),
                result.cpuPerRequest());
        return result;
    }

    private static void printDifference(Result direct, Result gateway) {
        System.out.printf(
                "  gateway adds: p50 %+.2f ms, p95 %+.2f ms, p99 %+.2f ms%n",
                gateway.p(50) - direct.p(50), gateway.p(95) - direct.p(95), gateway.p(99) - direct.p(99));
    }

    /** Clients that each send the next request as soon as the previous answered, until {@code requests} are done. */
    private static Latencies closedLoop(Target target, String token, int requests, int clients) throws Exception {
        HttpRequest request = target.request(token);
        long[] latencies = new long[requests];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        long started = System.nanoTime();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                        long sent = System.nanoTime();
                        send(target.http, request, errors);
                        latencies[i] = System.nanoTime() - sent;
                    }
                });
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Arrays.sort(latencies);
        return new Latencies(latencies, errors.get(), seconds);
    }

    /**
     * Clients that each send {@code rate} requests per second on a fixed schedule for {@code seconds}; client
     * {@code c} starts {@code c / clients} of a period after the first, so together they send at an even pace.
     */
    private static Latencies paced(Target target, String token, int clients, double rate, int seconds)
            throws Exception {
        HttpRequest request = target.request(token);
        long period = (long) (1e9 / rate);
        int perClient = (int) (seconds * rate);
        long[] latencies = new long[clients * perClient];
        AtomicInteger errors = new AtomicInteger();
        long started = System.nanoTime() + 10_000_000;
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                int client = c;
                pool.submit(() -> {
                    long first = started + period * client / clients;
                    for (int k = 0; k < perClient; k++) {
                        long scheduled = first + k * period;
                        for (long wait = scheduled - System.nanoTime(); wait > 0; wait = scheduled - System.nanoTime()) {
                            LockSupport.parkNanos(wait);
                        }
                        send(target.http, request, errors);
                        latencies[client * perClient + k] = System.nanoTime() - scheduled;
                    }
                });
            }
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        Arrays.sort(latencies);
        return new Latencies(latencies, errors.get(), elapsed);
    }

    private static void send(HttpClient http, HttpRequest request, AtomicInteger errors) {
        try {
            if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                errors.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            errors.incrementAndGet();
        } catch (Exception e) {
            errors.incrementAndGet();
        }
    }

    /** Logs in on user-service itself, so that the gateway's counts start at the measured requests. */
    private static String login(HttpClient http, String caller) throws Exception {
        String email = System.getenv("FEDIMPUTE_ADMIN_EMAIL");
        String password = System.getenv("FEDIMPUTE_ADMIN_PASSWORD");
        if (caller.equals("researcher")) {
            email = "bench-" + System.nanoTime() + "@example.org";
            password = "Bench-" + Long.toHexString(Double.doubleToLongBits(Math.random())) + "-pw";
            HttpResponse<String> registered = http.send(
                    post("/api/v1/auth/register", "{\"email\":\"" + email + "\",\"password\":\"" + password
                            + "\",\"name\":\"Gateway benchmark\"}"),
                    HttpResponse.BodyHandlers.ofString());
            if (registered.statusCode() != 201) {
                throw new IllegalStateException("Registration failed: " + registered.statusCode() + " "
                        + registered.body());
            }
        } else if (!caller.equals("admin")) {
            throw new IllegalArgumentException("caller is admin or researcher, not " + caller);
        } else if (email == null || password == null) {
            throw new IllegalStateException(
                    "Run it as (set -a; . .platform/secrets.env; java bench/GatewayOverhead.java)");
        }
        HttpResponse<String> response = http.send(
                post("/api/v1/auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"),
                HttpResponse.BodyHandlers.ofString());
        Matcher token = Pattern.compile("\"accessToken\":\"([^\"]+)\"").matcher(response.body());
        if (!token.find()) {
            throw new IllegalStateException("Login failed: " + response.statusCode());
        }
        return token.group(1);
    }

    private static HttpRequest post(String path, String json) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:8001" + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
    }

    /** The platform process that `./platform up` started under this name, or null if none is running. */
    private static ProcessHandle server(String name) {
        String marker = "-Dfedimpute.process=" + name;
        return ProcessHandle.allProcesses()
                .filter(process -> process.info()
                        .arguments()
                        .map(arguments -> Arrays.asList(arguments).contains(marker))
                        .orElse(false))
                .findFirst()
                .orElse(null);
    }

    private static long cpuNanos(ProcessHandle process) {
        return Optional.ofNullable(process)
                .flatMap(handle -> handle.info().totalCpuDuration())
                .map(Duration::toNanos)
                .orElse(-1L);
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            String[] pair = arg.split("=", 2);
            if (pair.length != 2 || !Pattern.matches("clients|requests|warmup|rate|seconds|caller", pair[0])) {
                throw new IllegalArgumentException(
                        "Unknown option " + arg + "; use clients=, requests=, warmup=, rate=, seconds=, caller=");
            }
            options.put(pair[0], pair[1]);
        }
        return options;
    }
}
