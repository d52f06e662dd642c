package org.fedimpute.registry.health;

import java.io.ByteArrayOutputStream;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;
import org.fedimpute.platform.clients.RemoteHttpClients;
import org.fedimpute.registry.services.ServiceEndpoint;
import org.fedimpute.registry.services.ServiceKind;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a service's health probe over HTTP and turns every outcome (an answer, a refusal, a timeout, a TLS failure)
 * into a {@link ProbeResult}, never an exception, so that one bad server cannot disturb the checks of the others.
 * The HTTP clients deliver on virtual threads and are kept per connect timeout, the only per-client setting a
 * service has; the read timeout is set on each request.
 */
@Component
class ProbeClient implements AutoCloseable {

    /** The most of an answer that is kept: a Cloudgene description or a service-info is a few kilobytes. */
    static final int MAX_ANSWER_BYTES = 256 * 1024;

    private static final HttpResponse.BodyHandler<byte[]> FIRST_BYTES = info -> {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        return HttpResponse.BodySubscribers.mapping(
                HttpResponse.BodySubscribers.ofByteArrayConsumer(chunk -> chunk.ifPresent(
                        bytes -> kept.write(bytes, 0, Math.min(bytes.length, MAX_ANSWER_BYTES - kept.size())))),
                done -> kept.toByteArray());
    };

    private final Map<ServiceKind, HealthProbe> probes;
    private final JsonMapper json;
    private final RemoteHttpClients clients = new RemoteHttpClients();

    ProbeClient(List<HealthProbe> probes, JsonMapper json) {
        this.probes = probes.stream().collect(Collectors.toUnmodifiableMap(HealthProbe::kind, Function.identity()));
        this.json = json;
    }

    /** Probes the service once; takes at most its connect and read timeouts together. */
    ProbeResult probe(ServiceEndpoint service) {
        HealthProbe probe = probes.get(service.kind());
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.baseUrl() + probe.path()))
                .timeout(service.readTimeout())
                .header("Accept", "application/json")
                .header("User-Agent", "FedImpute service-registry health probe")
                .GET()
                .build();
        Duration limit = service.connectTimeout().plus(service.readTimeout());
        long started = System.nanoTime();
        CompletableFuture<HttpResponse<byte[]>> exchange =
                client(service.connectTimeout()).sendAsync(request, FIRST_BYTES);
        try {
            return judge(probe, exchange.get(limit.toNanos(), TimeUnit.NANOSECONDS), millisSince(started));
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return ProbeResult.unhealthy(null, millisSince(started), "no complete answer within " + readable(limit));
        } catch (ExecutionException e) {
            return ProbeResult.unhealthy(null, millisSince(started), failure(e.getCause(), service));
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            return ProbeResult.unhealthy(null, millisSince(started), "probe cancelled");
        }
    }

    private ProbeResult judge(HealthProbe probe, HttpResponse<byte[]> response, int responseMs) {
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            return ProbeResult.unhealthy(status, responseMs, "HTTP " + status);
        }
        JsonNode answer = parse(response.body());
        if (answer != null && answer.isObject() && probe.recognises(answer)) {
            return ProbeResult.healthy(status, responseMs);
        }
        String type = response.headers()
                .firstValue("Content-Type")
                .map(value -> " (" + value + ")")
                .orElse("");
        return ProbeResult.unhealthy(status, responseMs, probe.unrecognised() + type);
    }

    private JsonNode parse(byte[] body) {
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    /** A short, readable reason for a failed exchange, from the most telling exception in the chain. */
    static String failure(Throwable failure, ServiceEndpoint service) {
        boolean connectFailed = false;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpConnectTimeoutException) {
                return "connect timed out after " + readable(service.connectTimeout());
            }
            if (cause instanceof HttpTimeoutException) {
                return "timed out after " + readable(service.readTimeout());
            }
            if (cause instanceof SSLException) {
                return "TLS handshake failed: "
                        + deepestMessage(cause, cause.getClass().getSimpleName());
            }
            if (cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException) {
                return "unknown host " + URI.create(service.baseUrl()).getHost();
            }
            connectFailed |= cause instanceof ConnectException;
        }
        if (connectFailed) {
            String message = deepestMessage(failure, "connection refused");
            return message.toLowerCase(Locale.ROOT).contains("refused")
                    ? "connection refused"
                    : "could not connect: " + message;
        }
        return "connection failed: "
                + deepestMessage(failure, failure.getClass().getSimpleName());
    }

    /** The message of the innermost cause that has one: the underlying reason, without the wrappers' prefixes. */
    private static String deepestMessage(Throwable failure, String otherwise) {
        String message = otherwise;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                message = cause.getMessage();
            }
        }
        return message;
    }

    static String readable(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static int millisSince(long startedNanos) {
        return (int) TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    private HttpClient client(Duration connectTimeout) {
        return clients.withConnectTimeout(connectTimeout);
    }

    @Override
    public void close() {
        clients.close();
    }
}
