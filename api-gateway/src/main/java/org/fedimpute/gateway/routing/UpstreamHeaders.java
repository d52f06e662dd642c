package org.fedimpute.gateway.routing;

import java.util.List;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Decides which headers a service receives with a forwarded request: the request id the gateway assigned instead of
 * whatever the caller sent, and none of the headers that claim an identity, which only a validated token may do.
 * It works on the copy of the headers that the gateway makes for every forwarded request anyway, so the request
 * itself is never copied for it.
 */
@Component
class UpstreamHeaders implements HttpHeadersFilter, Ordered {

    /** Headers that say who the caller is, which services must never believe when they come from outside. */
    private static final List<String> IDENTITY_HEADERS = List.of(
            "X-User-Id", "X-User-Roles", "X-User-Tier", "X-Authenticated-User", "X-Forwarded-User", "X-Service-Token");

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        HttpHeaders headers = HttpHeaders.copyOf(input);
        IDENTITY_HEADERS.forEach(headers::remove);
        headers.set(RequestId.HEADER, RequestId.of(exchange));
        return headers;
    }

    /** First, so that the gateway's own header filters (forwarding, tracing) work on the cleaned copy. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
