package org.fedimpute.gateway.errors;

import java.io.IOException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Answers every failure inside the gateway as an RFC 9457 problem with the request id: an unknown path is 404, a
 * service that cannot be reached, hangs up before answering (it was killed or is restarting) or whose circuit is
 * open is a documented 503 (never a bare 500), a service too slow to answer is 504.
 */
@Component
@Order(-2)
class GatewayProblemHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayProblemHandler.class);

    private final ProblemResponses problems;

    GatewayProblemHandler(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(failure);
        }
        HttpStatusCode status = statusOf(failure);
        if (status.is5xxServerError()) {
            log.warn(
                    "{} for {}: {}",
                    status.value(),
                    exchange.getRequest().getPath().value(),
                    failure.toString());
        }
        return problems.write(exchange, status);
    }

    /** A Resilience4j bulkhead rejecting a call (a runtime-only class here) means the route is saturated: 503. */
    private static final String BULKHEAD_FULL = "io.github.resilience4j.bulkhead.BulkheadFullException";

    private static HttpStatusCode statusOf(Throwable failure) {
        if (failure instanceof ResponseStatusException statusException) {
            return statusException.getStatusCode();
        }
        MergedAnnotation<ResponseStatus> declared = MergedAnnotations.from(
                        failure.getClass(), MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
                .get(ResponseStatus.class);
        if (declared.isPresent()) {
            return declared.getEnum("code", HttpStatus.class);
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            // IOException covers a connection refused and Reactor Netty's PrematureCloseException (hung up).
            if (cause instanceof IOException
                    || BULKHEAD_FULL.equals(cause.getClass().getName())) {
                return HttpStatus.SERVICE_UNAVAILABLE;
            }
            if (cause instanceof TimeoutException) {
                return HttpStatus.GATEWAY_TIMEOUT;
            }
        }
        return HttpStatus.INTERNAL_SERVER_ERROR;
    }
}
