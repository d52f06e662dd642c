package org.fedimpute.gateway.errors;

import java.util.LinkedHashMap;
import java.util.Map;
import org.fedimpute.gateway.routing.RequestId;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the gateway's own answers as RFC 9457 problems carrying the request id, so that errors, security
 * refusals and rate-limit rejections all look the same to a client.
 */
@Component
public class ProblemResponses {

    /** Seconds a client should wait before retrying a 503 when nobody has said otherwise. */
    static final String DEFAULT_RETRY_AFTER = "5";

    private final JsonMapper json;

    ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    /** Answers the exchange with a problem of this status and the standard detail text for it. */
    public Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status) {
        return write(exchange, status, detailOf(status));
    }

    /** Answers the exchange with a problem of this status and detail; headers already set are kept. */
    public Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status, String detail) {
        ServerHttpResponse response = exchange.getResponse();
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", titleOf(status));
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", exchange.getRequest().getPath().value());
        problem.put("requestId", RequestId.of(exchange));
        response.setStatusCode(status);
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (status.value() == HttpStatus.SERVICE_UNAVAILABLE.value()
                && !headers.containsHeader(HttpHeaders.RETRY_AFTER)) {
            headers.set(HttpHeaders.RETRY_AFTER, DEFAULT_RETRY_AFTER);
        }
        DataBuffer body = response.bufferFactory().wrap(json.writeValueAsBytes(problem));
        return response.writeWith(Mono.just(body));
    }

    private static String titleOf(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known != null ? known.getReasonPhrase() : "Error";
    }

    private static String detailOf(HttpStatusCode status) {
        return switch (status.value()) {
            case 401 -> "A valid bearer token is needed for this path.";
            case 403 -> "Your token does not allow access to this path.";
            case 404 -> "No API resource at this path. The API lives under /api/v1.";
            case 503 -> "The service behind this path is not reachable right now. Try again in a moment.";
            case 504 -> "The service behind this path did not answer in time.";
            default ->
                status.is5xxServerError()
                        ? "Something went wrong on our side. Quote the request id if you report it."
                        : titleOf(status);
        };
    }
}
