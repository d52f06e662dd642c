import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark (printed, not asserted): the latency the gateway adds. The same endpoint, GET /api/v1/users/me, is
 * called through the gateway (:8000) and directly on user-service (:8001) by 100 concurrent clients, and p50, p95,
 * p99, throughput and errors are printed for both. Needs a running `./platform up`; uses the first admin (admins are
 * not rate-limited), whose credentials come from the environment (`set -a; . .platform/secrets.env`).
 *
 *   java bench/GatewayOverhead.java [REQUESTS_PER_TARGET] [CONCURRENCY]
 */
public class GatewayOverhead {

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String token = login(http);

        System.out.printf("%d requests per target, %d concurrent clients, GET /api/v1/users/me%n", requests, concurrency);
        run(http, "warm-up gateway", "http://127.0.0.1:8000", token, requests / 4, concurrency);
        run(http, "warm-up direct", "http://127.0.0.1:8001", token, requests / 4, concurrency);
        Result direct = run(http, "direct  (:8001)", "http://127.0.0.1:8001", token, requests, concurrency);
        Result gateway = run(http, "gateway (:8000)", "http://127.0.0.1:8000", token, requests, concurrency);
        System.out.printf(
                "gateway adds: p50 %+.2f ms, p95 %+.2f ms, p99 %+.2f ms%n",
                gateway.p(50) - direct.p(50), gateway.p(95) - direct.p(95), gateway.p(99) - direct.p(99));
    }

    private static String login(HttpClient http) throws Exception {
        String email = System.getenv("FEDIMPUTE_ADMIN_EMAIL");
        String password = System.getenv("FEDIMPUTE_ADMIN_PASSWORD");
        if (email == null || password == null) {
            throw new IllegalStateException("Run `set -a; . .platform/secrets.env; set +a` first");
        }
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:8000/api/v1/auth/login"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher token = Pattern.compile("\"accessToken\":\"([^\"]+)\"").matcher(response.body());
        if (!token.find()) {
            throw new IllegalStateException("Login failed: " + response.statusCode());
        }
        return token.group(1);
    }

    private static Result run(HttpClient http, String label, String base, String token, int requests, int concurrency)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/users/me"))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger remaining = new AtomicInteger(requests);
        AtomicInteger errors = new AtomicInteger();
        long started = System.nanoTime();
        try (var clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < concurrency; c++) {
                clients.submit(() -> {
                    while (remaining.getAndDecrement() > 0) {
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                            if (response.statusCode() != 200) {
                                errors.incrementAndGet();
                            }
                        } catch (Exception e) {
                            errors.incrementAndGet();
                        }
                        latencies.add(System.nanoTime() - t0);
                    }
                    return null;
                });
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        Result result = new Result(sorted);
        System.out.printf(
                "%-16s p50 %6.2f ms  p95 %6.2f ms  p99 %6.2f ms  %7.0f req/s  errors %d%n",
                label, result.p(50), result.p(95), result.p(99), sorted.size() / seconds, errors.get());
        return result;
    }

    private record Result(List<Long> sortedNanos) {

        double p(int percentile) {
            int index = (int) Math.ceil(percentile / 100.0 * sortedNanos.size()) - 1;
            return sortedNanos.get(Math.max(0, index)) / 1e6;
        }
    }
}
