package org.fedimpute.gateway.errors;

import java.net.ConnectException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.fedimpute.gateway.routing.RequestId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers every failure inside the gateway as an RFC 9457 problem with the request id: an unknown path is 404, a
 * service that cannot be reached is a documented 503 (never a bare 500), a service too slow to answer is 504.
 */
@Component
@Order(-2)
class GatewayProblemHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayProblemHandler.class);

    private final JsonMapper json;

    GatewayProblemHandler(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(failure);
        }
        HttpStatusCode status = statusOf(failure);
        String path = exchange.getRequest().getPath().value();
        if (status.is5xxServerError()) {
            log.warn("{} for {}: {}", status.value(), path, failure.toString());
        }
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", titleOf(status));
        problem.put("status", status.value());
        problem.put("detail", detailOf(status));
        problem.put("instance", path);
        problem.put("requestId", RequestId.of(exchange));
        response.setStatusCode(status);
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (status.value() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
            headers.set(HttpHeaders.RETRY_AFTER, "5");
        }
        DataBuffer body = response.bufferFactory().wrap(json.writeValueAsBytes(problem));
        return response.writeWith(Mono.just(body));
    }

    private static HttpStatusCode statusOf(Throwable failure) {
        if (failure instanceof ResponseStatusException statusException) {
            return statusException.getStatusCode();
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return HttpStatus.SERVICE_UNAVAILABLE;
            }
            if (cause instanceof TimeoutException) {
                return HttpStatus.GATEWAY_TIMEOUT;
            }
        }
        return HttpStatus.INTERNAL_SERVER_ERROR;
    }

    private static String titleOf(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known != null ? known.getReasonPhrase() : "Error";
    }

    private static String detailOf(HttpStatusCode status) {
        return switch (status.value()) {
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
