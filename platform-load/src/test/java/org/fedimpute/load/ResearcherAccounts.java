package org.fedimpute.load;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prepares the simulated researchers before the clock starts: each registers, logs in and uploads the demo genotypes
 * once, straight at user-service and file-manager, so that the measured run holds only what researchers do all day
 * and the gateway's per-address limit on anonymous calls does not throttle the set-up.
 */
final class ResearcherAccounts {

    private static final String PASSWORD = "load-test passphrase 2026";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LoadSettings settings;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final byte[] genotypes;

    private ResearcherAccounts(LoadSettings settings) {
        this.settings = settings;
        try {
            this.genotypes = Files.readAllBytes(settings.genotypes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One feeder record per researcher: {@code token} (an access token) and {@code fileId} (their upload). */
    static List<Map<String, Object>> prepare(LoadSettings settings) {
        ResearcherAccounts accounts = new ResearcherAccounts(settings);
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Map<String, Object>>> prepared = new ArrayList<>();
            for (int i = 0; i < settings.users(); i++) {
                String email = "load-" + run + "-" + i + "@example.org";
                prepared.add(pool.submit(() -> accounts.researcher(email)));
            }
            List<Map<String, Object>> records = new ArrayList<>();
            for (Future<Map<String, Object>> researcher : prepared) {
                records.add(researcher.get());
            }
            System.out.printf("Prepared %d researchers (run %s), each with one uploaded file%n", records.size(), run);
            return records;
        } catch (Exception e) {
            throw new IllegalStateException("Could not prepare the researchers: " + e.getMessage(), e);
        }
    }

    private Map<String, Object> researcher(String email) throws IOException, InterruptedException {
        String users = settings.services().get("users");
        call(json(
                users + "/api/v1/auth/register",
                null,
                Map.of("email", email, "password", PASSWORD, "name", "Load Researcher", "institution", "FedImpute")));
        String token =
                (String) call(json(users + "/api/v1/auth/login", null, Map.of("email", email, "password", PASSWORD)))
                        .get("accessToken");
        Object fileId = call(upload(settings.services().get("files") + "/api/v1/files", token))
                .get("id");
        return Map.of("token", token, "fileId", fileId);
    }

    private Map<String, Object> call(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(request.method() + " " + request.uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readValue(response.body(), Map.class);
    }

    private static HttpRequest json(String url, String token, Map<String, Object> body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.build();
    }

    private HttpRequest upload(String url, String token) {
        String boundary = "fedimpute-load-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream(genotypes.length + 512);
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"declaredBuild\"\r\n\r\nhg38\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\";"
                        + " filename=\"genotypes.vcf.gz\"\r\nContent-Type: application/gzip\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(genotypes);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
    }
}
