package org.fedimpute.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import java.util.regex.Pattern;

/** The request id that ties a client's call to every log line it caused, across the gateway and the services. */
public final class RequestIds {

    /** The header the gateway sets and every service echoes. */
    public static final String HEADER = "X-Request-Id";

    /** The key under which logs and the request carry the id. */
    public static final String ATTRIBUTE = "requestId";

    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._:-]{8,128}");

    private RequestIds() {}

    /** The id of the request being served, or a fresh one if none was assigned (as for a call outside a filter). */
    public static String of(HttpServletRequest request) {
        Object id = request.getAttribute(ATTRIBUTE);
        return id instanceof String text ? text : UUID.randomUUID().toString();
    }

    /** Keeps an incoming id only if it cannot smuggle anything into a log line or a header. */
    static String acceptOrCreate(String incoming) {
        return incoming != null && WELL_FORMED.matcher(incoming).matches()
                ? incoming
                : UUID.randomUUID().toString();
    }
}
