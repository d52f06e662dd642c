package org.fedimpute.registry.services;

import java.time.Duration;
import java.util.UUID;

/**
 * What the other features need to reach a service: where it is, what it speaks and how long to wait for it.
 *
 * @param maxUploadBytes the largest input the service accepts, null when it sets no limit
 * @param active whether the admin offers the service (a service the admin switched off is neither probed nor synced)
 */
public record ServiceEndpoint(
        UUID id,
        String slug,
        String name,
        ServiceKind kind,
        String baseUrl,
        String michiganAppId,
        Duration connectTimeout,
        Duration readTimeout,
        Long maxUploadBytes,
        boolean active) {

    static ServiceEndpoint of(ImputationService service) {
        return new ServiceEndpoint(
                service.id(),
                service.slug(),
                service.name(),
                service.kind(),
                service.baseUrl(),
                service.michiganAppId(),
                service.connectTimeout(),
                service.readTimeout(),
                service.maxUploadBytes(),
                service.active());
    }
}
