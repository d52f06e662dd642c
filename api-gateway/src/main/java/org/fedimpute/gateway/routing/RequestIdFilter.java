package org.fedimpute.gateway.routing;

import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request that enters the platform a fresh request id, before routing, security or errors can answer
 * it: the id replaces whatever the caller sent, travels to the service ({@link UpstreamHeaders}), comes back on the
 * response and ends every access log line, so a researcher quoting it leads an operator to each log line of that
 * call.
 */
@Component
class RequestIdFilter implements WebFilter, Ordered {

    private static final Logger access = LoggerFactory.getLogger("org.fedimpute.gateway.access");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String requestId = UUID.randomUUID().toString();
        exchange.getAttributes().put(RequestId.ATTRIBUTE, requestId);
        long started = System.nanoTime();
        // Set just before the response goes out, replacing the copy the service echoed, so there is exactly one.
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().set(RequestId.HEADER, requestId);
            return Mono.empty();
        });
        ServerHttpRequest request = exchange.getRequest();
        return chain.filter(exchange)
                // The id is also a field of its own, so that JSON logs (logging.structured.format.console) carry it.
                .doFinally(signal -> access.atInfo()
                        .addKeyValue("requestId", requestId)
                        .log(
                                "{} {} -> {} in {} ms requestId={}",
                                request.getMethod(),
                                request.getPath().value(),
                                exchange.getResponse().getStatusCode(),
                                (System.nanoTime() - started) / 1_000_000,
                                requestId));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
