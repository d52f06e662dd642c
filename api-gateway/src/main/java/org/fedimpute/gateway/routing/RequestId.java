package org.fedimpute.gateway.routing;

import org.springframework.web.server.ServerWebExchange;

/** Where the gateway keeps the id it assigned to a request, for everything that answers that request. */
public final class RequestId {

    /** The header that carries the id to the services and back to the caller. */
    public static final String HEADER = "X-Request-Id";

    static final String ATTRIBUTE = RequestId.class.getName();

    private RequestId() {}

    /** The id assigned to this exchange, or null if it never passed the request id filter. */
    public static String of(ServerWebExchange exchange) {
        return exchange.getAttribute(ATTRIBUTE);
    }
}
