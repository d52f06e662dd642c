package org.fedimpute.registry.services;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.fedimpute.platform.jdbc.AdvisoryLocks;
import org.fedimpute.platform.secrets.SecretCipher;
import org.fedimpute.platform.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;

/**
 * Registers, changes and removes imputation services, holds their catalogue tokens encrypted, and answers the other
 * features' lookups.
 */
@Service
public class ServiceCatalogue {

    /** Slugs that would shadow a fixed path under {@code /api/v1/services/}. */
    private static final Set<String> RESERVED_SLUGS = Set.of("discover", "types");

    private final ImputationServiceRepository services;
    private final SecretCipher cipher;
    private final Clock clock;
    private final JdbcClient jdbc;

    ServiceCatalogue(ImputationServiceRepository services, SecretCipher cipher, Clock clock, JdbcClient jdbc) {
        this.services = services;
        this.cipher = cipher;
        this.clock = clock;
        this.jdbc = jdbc;
    }

    @Transactional
    ServiceResponse register(ServiceRequest request) {
        check(request);
        if (RESERVED_SLUGS.contains(request.slug())) {
            throw Problems.invalidField("slug", "is reserved");
        }
        takeTurnWithSlug(request.slug());
        if (services.existsBySlug(request.slug())) {
            throw Problems.invalidField("slug", "is already used by another service");
        }
        return ServiceResponse.of(services.save(new ImputationService(request.slug(), request, Instant.now(clock))));
    }

    @Transactional
    ServiceResponse change(UUID id, ServiceRequest request) {
        ImputationService service = require(id);
        check(request);
        if (!service.slug().equals(request.slug())) {
            throw Problems.invalidField("slug", "cannot change: researchers' saved tokens refer to it");
        }
        service.apply(request, Instant.now(clock));
        return ServiceResponse.of(service);
    }

    @Transactional
    void remove(UUID id) {
        services.delete(require(id));
    }

    @Transactional
    ServiceResponse storeCatalogueToken(UUID id, String token) {
        ImputationService service = require(id);
        service.storeCatalogueToken(
                cipher.encrypt(token.strip().getBytes(StandardCharsets.UTF_8), tokenContext(id)), Instant.now(clock));
        return ServiceResponse.of(service);
    }

    @Transactional
    ServiceResponse forgetCatalogueToken(UUID id) {
        ImputationService service = require(id);
        service.storeCatalogueToken(null, Instant.now(clock));
        return ServiceResponse.of(service);
    }

    @Transactional(readOnly = true)
    ServiceResponse read(UUID id) {
        return ServiceResponse.of(require(id));
    }

    /** Every registered service, switched off or not, in slug order. */
    @Transactional(readOnly = true)
    public List<ServiceEndpoint> endpoints() {
        return services.findAllByOrderBySlug().stream().map(ServiceEndpoint::of).toList();
    }

    @Transactional(readOnly = true)
    public Optional<ServiceEndpoint> endpoint(UUID id) {
        return services.findById(id).map(ServiceEndpoint::of);
    }

    @Transactional(readOnly = true)
    public Optional<ServiceEndpoint> endpoint(String slug) {
        return services.findBySlug(slug).map(ServiceEndpoint::of);
    }

    /** The service's catalogue token in clear, for a call to its server; empty when none is held. */
    @Transactional(readOnly = true)
    public Optional<String> catalogueToken(UUID id) {
        return services.findById(id)
                .map(ImputationService::catalogueToken)
                .map(stored -> new String(cipher.decrypt(stored, tokenContext(id)), StandardCharsets.UTF_8));
    }

    /** Registers the service unless its slug is taken; for seeding a known deployment. */
    @Transactional
    public ServiceEndpoint registerIfAbsent(ServiceRequest request) {
        takeTurnWithSlug(request.slug());
        Optional<ImputationService> existing = services.findBySlug(request.slug());
        if (existing.isPresent()) {
            return ServiceEndpoint.of(existing.get());
        }
        check(request);
        return ServiceEndpoint.of(services.save(new ImputationService(request.slug(), request, Instant.now(clock))));
    }

    /**
     * Waits for any other transaction registering a service under the slug (an admin's, another instance's seeding)
     * to end, so that this one finds the slug taken and says so, rather than failing on the unique key.
     */
    private void takeTurnWithSlug(String slug) {
        AdvisoryLocks.forTransaction(jdbc, "service-slug:" + slug);
    }

    private ImputationService require(UUID id) {
        return services.findById(id).orElseThrow(ServiceCatalogue::notFound);
    }

    /** The answer to a service id or slug the catalogue does not know. */
    public static ErrorResponseException notFound() {
        return Problems.error(HttpStatus.NOT_FOUND, "No such imputation service");
    }

    private static void check(ServiceRequest request) {
        request.baseUrlProblem().ifPresent(problem -> {
            throw Problems.invalidField("baseUrl", problem);
        });
        if (request.kind() != ServiceKind.MICHIGAN && request.michiganAppId() != null) {
            throw Problems.invalidField("michiganAppId", "applies to MICHIGAN services only");
        }
    }

    private static String tokenContext(UUID id) {
        return "catalogue-token:" + id;
    }
}
