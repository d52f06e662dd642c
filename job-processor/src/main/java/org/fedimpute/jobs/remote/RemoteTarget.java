package org.fedimpute.jobs.remote;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * Where and as whom a call goes: the registered service (as the registry describes it) and, for servers that need
 * one, the researcher's own token for it. {@link #toString()} never shows the token.
 *
 * @param serviceId the registry's id of the service
 * @param slug the service's slug, used to name its circuit breaker, bulkhead and metrics
 * @param name the service's readable name, used in reasons shown to researchers
 * @param baseUrl the server's root (Cloudgene) or host (WES, without {@code /ga4gh/wes/v1})
 * @param michiganAppId the Cloudgene application id submissions go to; null for WES
 * @param userToken the researcher's token for this server; null where the service needs none
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for an answer
 */
public record RemoteTarget(
        UUID serviceId,
        String slug,
        String name,
        String baseUrl,
        String michiganAppId,
        String userToken,
        Duration connectTimeout,
        Duration readTimeout) {

    public RemoteTarget {
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(baseUrl, "baseUrl");
    }

    /** The name to show researchers: the readable name, or the slug where the registry gave none. */
    public String displayName() {
        return name == null || name.isBlank() ? slug : name;
    }

    @Override
    public String toString() {
        return "RemoteTarget[" + slug + " " + baseUrl + (userToken == null ? "" : ", token ****") + "]";
    }
}
