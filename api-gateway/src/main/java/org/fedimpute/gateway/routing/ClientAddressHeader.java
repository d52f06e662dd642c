package org.fedimpute.gateway.routing;

import java.net.InetSocketAddress;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Tells a service who the caller is at the network level, for its audit trail and per-address decisions: {@code
 * X-Forwarded-For} is the address the gateway's connection came from, replacing whatever a caller claimed, and a
 * caller's own {@code Forwarded} header, which services would believe first, is dropped. Last among the header
 * filters, so that none of the gateway's own removes or rewrites it.
 */
@Component
class ClientAddressHeader implements HttpHeadersFilter, Ordered {

    static final String FORWARDED_FOR = "X-Forwarded-For";
    private static final String FORWARDED = "Forwarded";

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        HttpHeaders headers = HttpHeaders.copyOf(input);
        headers.remove(FORWARDED);
        InetSocketAddress caller = exchange.getRequest().getRemoteAddress();
        if (caller != null && caller.getAddress() != null) {
            headers.set(FORWARDED_FOR, caller.getAddress().getHostAddress());
        } else {
            headers.remove(FORWARDED_FOR);
        }
        return headers;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
