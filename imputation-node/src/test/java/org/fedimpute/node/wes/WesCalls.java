package org.fedimpute.node.wes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.fedimpute.test.service.ServiceCalls;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls a node a test booted as a hub does, over loopback: multipart run submissions as job-processor's WesClient
 * sends them, JSON answers read as trees, and two hubs with their tokens.
 */
public final class WesCalls {

    public static final String API = "/ga4gh/wes/v1";
    public static final String HUB_A_TOKEN = "hub-a-secret-token";
    public static final String HUB_B_TOKEN = "hub-b-secret-token";
    /** The properties configuring hub-a and hub-b with the SHA-256 of their tokens. */
    public static final String HUB_A_NAME = "fedimpute.node.hubs[0].name=hub-a";

    public static final String HUB_A_HASH =
            "fedimpute.node.hubs[0].token-sha256=61a0d40ea0ffd6fe183f674b8e42145a2bd7242bc865f4963e9aa6404e1af79f";
    public static final String HUB_B_NAME = "fedimpute.node.hubs[1].name=hub-b";
    public static final String HUB_B_HASH =
            "fedimpute.node.hubs[1].token-sha256=fec37f12f5c35d0609eee041305edfe5934099d376ccfecb1a26c3beddb818c5";
    public static final String FAST_QUEUE = "db-scheduler.polling-interval=200ms";
    public static final String QUICK_SHUTDOWN = "db-scheduler.shutdown-max-wait=2s";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int port;

    public WesCalls(int port) {
        this.port = port;
    }

    public HttpResponse<String> get(String path, String token) {
        return new ServiceCalls(port).call("GET", API + path, token, null);
    }

    public HttpResponse<String> post(String path, String token) {
        return new ServiceCalls(port).call("POST", API + path, token, null);
    }

    public HttpResponse<String> call(String method, String path, String token) {
        return new ServiceCalls(port).call(method, API + path, token, null);
    }

    /** The usual fields of an imputation on {@code panel}, as WesClient sends them. */
    public static Map<String, String> imputation(String panel) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(
                "workflow_params",
                "{\"refpanel\":\"" + panel + "\",\"build\":\"hg38\",\"population\":\"EUR\",\"phasing\":\"eagle\","
                        + "\"r2Filter\":\"0.3\",\"mode\":\"imputation\"}");
        fields.put("workflow_type", "IMPUTATION");
        fields.put("workflow_type_version", "1.0");
        fields.put("workflow_url", "imputation/beagle");
        fields.put("tags", "{\"fedimpute_job_id\":\"42\"}");
        return fields;
    }

    /** Posts a run as multipart/form-data: the fields first, then each attachment. */
    public HttpResponse<String> submit(String token, Map<String, String> fields, Map<String, byte[]> attachments) {
        String boundary = "wes-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> body.writeBytes(
                ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                        .getBytes(StandardCharsets.UTF_8)));
        attachments.forEach((fileName, content) -> {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"workflow_attachment\";"
                            + " filename=\"" + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(content);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        });
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + API + "/runs"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return ServiceCalls.send(request.build());
    }

    /** Submits a run that must be accepted, and answers its id. */
    public String submitted(String token, Map<String, String> fields, Map<String, byte[]> attachments) {
        HttpResponse<String> response = submit(token, fields, attachments);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response).path("run_id").asString();
    }

    /** Downloads a URL the node gave, with the token and, where given, a Range header. */
    public HttpResponse<byte[]> download(String url, String token, String range) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token);
        if (range != null) {
            request.header("Range", range);
        }
        return ServiceCalls.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Waits until the run is in {@code state} and answers its run log. */
    public JsonNode awaitState(String token, String runId, String state) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> json(get("/runs/" + runId + "/status", token))
                        .path("state")
                        .asString()
                        .equals(state));
        return json(get("/runs/" + runId, token));
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** Asserts a WES error answer: its status and shape, and that its message says {@code saying}. */
    public static void assertWesError(HttpResponse<String> response, int status, String saying) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode error = json(response);
        assertThat(error.path("status_code").asInt()).isEqualTo(status);
        assertThat(error.path("msg").asString()).contains(saying);
    }
}
