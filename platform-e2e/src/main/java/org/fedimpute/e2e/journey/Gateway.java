package org.fedimpute.e2e.journey;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform's front door as a client calls it: JSON, multipart uploads and downloads under one base URL, each call
 * made with a {@link Credential} (or none), and answers read as maps; a call that cannot be made is a
 * {@link JourneyFailure}.
 */
public final class Gateway {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String baseUrl;

    public Gateway(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Sends a request, failing only when no answer came. */
    public static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new JourneyFailure(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JourneyFailure(request.method() + " " + request.uri() + " was interrupted", e);
        }
    }

    /** The body of a successful (2xx) answer as a map; any other answer fails, showing its status and body. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> read(HttpResponse<String> response) {
        if (response.statusCode() >= 300) {
            throw new JourneyFailure(response.request().method() + " "
                    + response.request().uri().getPath() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readValue(response.body(), Map.class);
    }

    public HttpResponse<String> get(String path, Credential credential) {
        return send(request(path, credential).GET().build());
    }

    public HttpResponse<String> post(String path, Credential credential, Object body) {
        return send(request(path, credential)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : JSON.writeValueAsString(body)))
                .build());
    }

    public HttpResponse<String> put(String path, Credential credential, Object body) {
        return send(request(path, credential)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build());
    }

    /** A multipart upload of {@code file} as the part {@code file}, after the given form fields. */
    public HttpResponse<String> upload(String path, Credential credential, Map<String, String> fields, Path file) {
        String boundary = "fedimpute-journey-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> body.writeBytes(
                ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                        .getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                        + file.getFileName() + "\"\r\nContent-Type: application/gzip\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        try {
            body.writeBytes(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new JourneyFailure("cannot read " + file + ": " + e, e);
        }
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(request(path, credential)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build());
    }

    /** Downloads an answer's body into {@code target}, failing on any status but 200. */
    public Path download(String path, Credential credential, Path target) {
        HttpRequest request = request(path, credential).GET().build();
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            HttpResponse<Path> response = HTTP.send(request, HttpResponse.BodyHandlers.ofFile(target));
            if (response.statusCode() != 200) {
                throw new JourneyFailure("GET " + path + " answered " + response.statusCode() + ": "
                        + Files.readString(target, StandardCharsets.UTF_8));
            }
            return target;
        } catch (IOException e) {
            throw new JourneyFailure("GET " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JourneyFailure("GET " + path + " was interrupted", e);
        }
    }

    /** A request to {@code path} under the gateway, carrying the credential if there is one. */
    public HttpRequest.Builder request(String path, Credential credential) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofMinutes(2));
        if (credential != null) {
            request.header(credential.header(), credential.value());
        }
        return request;
    }
}
