package org.fedimpute.monitoring.health;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import org.fedimpute.monitoring.config.MonitoringProperties;
import org.fedimpute.monitoring.config.MonitoringProperties.PolledService;
import org.fedimpute.platform.clients.RemoteHttpClients;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks one platform service whether it is ready ({@code /actuator/health/readiness}) and which build it runs
 * ({@code /actuator/info}, the {@code build.version} that Boot's build-info writes), without a token: both are open
 * on every service.
 */
@Component
class ReadinessProbe implements AutoCloseable {

    private final RemoteHttpClients clients = new RemoteHttpClients();
    private final MonitoringProperties properties;
    private final JsonMapper json;

    ReadinessProbe(MonitoringProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
    }

    ProbeResult probe(PolledService service) {
        HealthStatus status;
        String error = null;
        try {
            HttpResponse<String> readiness = get(service, "/actuator/health/readiness");
            status = readiness.statusCode() == 200 ? HealthStatus.UP : HealthStatus.DOWN;
            if (status == HealthStatus.DOWN) {
                error = "readiness answered HTTP " + readiness.statusCode();
            }
        } catch (IOException e) {
            return new ProbeResult(HealthStatus.DOWN, null, describe(e));
        }
        return new ProbeResult(status, version(service), error);
    }

    private String version(PolledService service) {
        try {
            HttpResponse<String> info = get(service, "/actuator/info");
            if (info.statusCode() != 200) {
                return null;
            }
            JsonNode version = json.readTree(info.body()).path("build").path("version");
            return version.isString() ? version.asString() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private HttpResponse<String> get(PolledService service, String path) throws IOException {
        HttpClient client = clients.withConnectTimeout(properties.connectTimeout());
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .timeout(properties.readTimeout())
                .header("Accept", "application/json")
                .GET()
                .build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static String describe(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection within the connect timeout";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within the read timeout";
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    @Override
    public void close() {
        clients.close();
    }
}
