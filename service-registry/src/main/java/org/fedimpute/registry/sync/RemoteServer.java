package org.fedimpute.registry.sync;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.fedimpute.registry.services.ServiceEndpoint;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One sync's conversation with a service's server: GETs JSON documents over HTTP/1.1 within the service's connect
 * and read timeouts (with a hard deadline, so a server that trickles never holds a sync), and turns every way that
 * can fail into a {@link SyncFailure} an admin can read, with the request's header values (credentials) kept out.
 * Redirects are not followed, so a credential never travels to a host the admin did not register.
 */
final class RemoteServer implements AutoCloseable {

    private static final int MAX_QUOTED_CHARS = 200;

    private final HttpClient http;
    private final JsonMapper json;
    private final String baseUrl;
    private final String authority;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    private RemoteServer(ServiceEndpoint service, JsonMapper json) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(service.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.json = json;
        this.baseUrl = service.baseUrl();
        this.authority = URI.create(service.baseUrl()).getAuthority();
        this.connectTimeout = service.connectTimeout();
        this.readTimeout = service.readTimeout();
    }

    static RemoteServer open(ServiceEndpoint service, JsonMapper json) {
        return new RemoteServer(service, json);
    }

    /** The JSON object at {@code path} below the base URL; any other answer is a {@link SyncFailure}. */
    JsonNode get(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(readTimeout)
                .header("Accept", "application/json")
                .GET();
        headers.forEach(request::header);
        String call = "GET " + path;
        HttpResponse<String> response = exchange(request.build(), call, headers.values());
        int status = response.statusCode();
        if (status / 100 == 3) {
            String target = response.headers().firstValue("Location").orElse("elsewhere");
            throw new SyncFailure(
                    call + " answered HTTP " + status + ", a redirect to " + quoted(target, headers.values())
                            + ": correct the service's base URL",
                    status);
        }
        if (status / 100 != 2) {
            throw new SyncFailure(
                    call + " answered HTTP " + status + serverMessage(response.body(), headers.values()), status);
        }
        JsonNode document;
        try {
            document = json.readTree(response.body());
        } catch (JacksonException e) {
            throw new SyncFailure(call + " answered HTTP " + status + " with a body that is not JSON");
        }
        if (!document.isObject()) {
            throw new SyncFailure(call + " answered HTTP " + status + " with a body that is not a JSON object");
        }
        return document;
    }

    private HttpResponse<String> exchange(HttpRequest request, String call, Collection<String> secrets) {
        CompletableFuture<HttpResponse<String>> answer = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        Duration deadline = connectTimeout.plus(readTimeout);
        try {
            return answer.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new SyncFailure(call + ": no complete answer from " + authority + " within " + seconds(deadline));
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new SyncFailure(call + ": interrupted while waiting for " + authority);
        } catch (ExecutionException e) {
            throw new SyncFailure(call + ": " + reason(e.getCause(), secrets));
        }
    }

    private String reason(Throwable failure, Collection<String> secrets) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException) {
                return "cannot resolve the host of " + authority;
            }
            if (cause instanceof HttpConnectTimeoutException) {
                return "no connection to " + authority + " within " + seconds(connectTimeout);
            }
            if (cause instanceof HttpTimeoutException) {
                return "no answer from " + authority + " within " + seconds(readTimeout);
            }
            if (cause instanceof SSLException) {
                return "TLS handshake with " + authority + " failed: " + quoted(cause.getMessage(), secrets);
            }
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return "cannot connect to " + authority + " (connection refused or unreachable)";
            }
        }
        if (failure instanceof IOException) {
            return "the connection to " + authority + " failed: " + quoted(failure.getMessage(), secrets);
        }
        return "the call to " + authority + " failed: " + failure.getClass().getSimpleName();
    }

    /** The server's own explanation of an error answer (Cloudgene's {@code message}, WES's {@code msg}), if any. */
    private String serverMessage(String body, Collection<String> secrets) {
        JsonNode error;
        try {
            error = json.readTree(body);
        } catch (JacksonException e) {
            return "";
        }
        for (String member : new String[] {"message", "msg"}) {
            JsonNode message = error.path(member);
            if (message.isString() && !message.asString().isBlank()) {
                return ": " + quoted(message.asString(), secrets);
            }
        }
        return "";
    }

    /** A remote text fit for a report: secrets replaced first, then shortened to one line of bounded length. */
    private static String quoted(String text, Collection<String> secrets) {
        if (text == null) {
            return "(no detail)";
        }
        String line = redact(text, secrets).strip().replaceAll("\\s+", " ");
        return line.length() <= MAX_QUOTED_CHARS ? line : line.substring(0, MAX_QUOTED_CHARS) + "…";
    }

    private static String redact(String text, Collection<String> secrets) {
        String redacted = text;
        for (String secret : secrets) {
            if (!secret.isEmpty()) {
                redacted = redacted.replace(secret, "***");
            }
        }
        return redacted;
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    @Override
    public void close() {
        http.shutdownNow();
    }
}
