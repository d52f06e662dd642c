package org.fedimpute.registry.services;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A service's catalogue entry as an admin wrote it; whether a catalogue token is held, never the token. */
record ServiceResponse(
        UUID id,
        String slug,
        String name,
        ServiceKind kind,
        String baseUrl,
        String michiganAppId,
        String description,
        ServiceRequest.Location location,
        List<String> supportedBuilds,
        List<String> inputFormats,
        Long maxUploadBytes,
        boolean requiresUserToken,
        boolean active,
        boolean hasCatalogueToken,
        long connectTimeoutMs,
        long readTimeoutMs,
        Instant createdAt,
        Instant updatedAt) {

    static ServiceResponse of(ImputationService service) {
        return new ServiceResponse(
                service.id(),
                service.slug(),
                service.name(),
                service.kind(),
                service.baseUrl(),
                service.michiganAppId(),
                service.description(),
                new ServiceRequest.Location(service.country(), service.city(), service.latitude(), service.longitude()),
                service.supportedBuilds(),
                service.inputFormats(),
                service.maxUploadBytes(),
                service.requiresUserToken(),
                service.active(),
                service.catalogueToken() != null,
                service.connectTimeout().toMillis(),
                service.readTimeout().toMillis(),
                service.createdAt(),
                service.updatedAt());
    }
}
