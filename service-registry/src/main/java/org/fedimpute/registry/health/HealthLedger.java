package org.fedimpute.registry.health;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fedimpute.events.ServiceHealth;
import org.fedimpute.events.ServiceHealthChanged;
import org.fedimpute.platform.events.EventOutbox;
import org.fedimpute.platform.web.PageResponse;
import org.fedimpute.platform.web.Problems;
import org.fedimpute.registry.services.ServiceCatalogue;
import org.fedimpute.registry.services.ServiceEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps each service's health: records checks with their consequences (a health change is published, a long spell
 * of bad health deactivates the service, a deactivated service that answers again awaits approval), brings approved
 * services back, and answers what the history says.
 */
@Service
class HealthLedger {

    private static final Logger log = LoggerFactory.getLogger(HealthLedger.class);

    private final HealthRepository repository;
    private final ServiceCatalogue catalogue;
    private final EventOutbox outbox;
    private final HealthProperties properties;
    private final Clock clock;

    HealthLedger(
            HealthRepository repository,
            ServiceCatalogue catalogue,
            EventOutbox outbox,
            HealthProperties properties,
            Clock clock) {
        this.repository = repository;
        this.catalogue = catalogue;
        this.outbox = outbox;
        this.properties = properties;
        this.clock = clock;
    }

    /** Stores the checks and their consequences in one transaction; checks of services deleted meanwhile are dropped. */
    @Transactional
    void record(List<HealthCheck> checks) {
        if (checks.isEmpty()) {
            return;
        }
        Map<UUID, ServiceStatus> before = repository.lockStatuses(
                checks.stream().map(HealthCheck::serviceId).toList());
        List<HealthCheck> recorded = checks.stream()
                .filter(check -> before.containsKey(check.serviceId()))
                .toList();
        List<ServiceStatus> after = new ArrayList<>(recorded.size());
        for (HealthCheck check : recorded) {
            ServiceStatus previous = before.get(check.serviceId());
            ServiceStatus next = previous.after(check, properties.deactivateAfter());
            after.add(next);
            announce(check, previous, next);
        }
        repository.saveStatuses(after);
        repository.insertChecks(recorded);
    }

    private void announce(HealthCheck check, ServiceStatus previous, ServiceStatus next) {
        String slug = check.service().slug();
        if (next.health() != previous.health()) {
            outbox.publish(new ServiceHealthChanged(
                    check.serviceId(), slug, previous.health(), next.health(), next.lastError(), check.checkedAt()));
            if (previous.health() != ServiceHealth.UNKNOWN) {
                log.info("Service {} is now {} (was {}){}", slug, next.health(), previous.health(), because(next));
            }
        }
        if (!previous.deactivated() && next.deactivated()) {
            log.info("Service {} deactivated: {}", slug, next.deactivationReason());
        }
        if (!previous.awaitingApproval() && next.awaitingApproval()) {
            log.info("Deactivated service {} answers again; an admin can reactivate it", slug);
        }
    }

    private static String because(ServiceStatus status) {
        return status.lastError() == null ? "" : ": " + status.lastError();
    }

    /** Offers a deactivated service to researchers again: an admin's approval once it answers again. */
    @Transactional
    HealthReport reactivate(UUID serviceId) {
        ServiceEndpoint service = require(serviceId);
        ServiceStatus status = repository.lockStatuses(List.of(serviceId)).get(serviceId);
        if (status == null) {
            // Removed by an admin since it was looked up.
            throw ServiceCatalogue.notFound();
        }
        if (!status.deactivated()) {
            throw Problems.error(HttpStatus.CONFLICT, "The service is not deactivated");
        }
        if (!status.awaitingApproval()) {
            throw Problems.error(
                    HttpStatus.CONFLICT,
                    "The service has not answered since it was deactivated; it can be reactivated once a health check"
                            + " succeeds");
        }
        ServiceStatus reactivated = status.reactivated();
        repository.saveStatuses(List.of(reactivated));
        log.info("Service {} reactivated by an admin", service.slug());
        return report(service, reactivated);
    }

    @Transactional(readOnly = true)
    HealthReport report(UUID serviceId) {
        ServiceEndpoint service = require(serviceId);
        return report(service, statusOf(service));
    }

    /** The report of a service researchers are offered (switched on and not deactivated); 404 for any other. */
    @Transactional(readOnly = true)
    HealthReport offeredReport(String slug) {
        ServiceEndpoint service = offered(slug);
        return report(service, statusOf(service));
    }

    @Transactional(readOnly = true)
    PageResponse<HealthCheckResponse> history(UUID serviceId, int page, int size) {
        return repository.history(require(serviceId).id(), page, size);
    }

    @Transactional(readOnly = true)
    PageResponse<HealthCheckResponse> offeredHistory(String slug, int page, int size) {
        return repository.history(offered(slug).id(), page, size);
    }

    /** Removes checks older than the retention. */
    @Transactional
    void pruneHistory() {
        int removed = repository.deleteChecksBefore(Instant.now(clock).minus(properties.historyRetention()));
        log.debug("Removed {} health checks older than {}", removed, properties.historyRetention());
    }

    @Transactional(readOnly = true)
    long activeServicesWith(ServiceHealth health) {
        return repository.activeServicesWith(health);
    }

    private HealthReport report(ServiceEndpoint service, ServiceStatus status) {
        return HealthReport.of(service, status, repository.statistics(service.id(), Instant.now(clock)));
    }

    private ServiceStatus statusOf(ServiceEndpoint service) {
        return repository.status(service.id()).orElseGet(() -> ServiceStatus.unknown(service.id()));
    }

    private ServiceEndpoint require(UUID serviceId) {
        return catalogue.endpoint(serviceId).orElseThrow(ServiceCatalogue::notFound);
    }

    private ServiceEndpoint offered(String slug) {
        return catalogue
                .endpoint(slug)
                .filter(ServiceEndpoint::active)
                .filter(service -> !statusOf(service).deactivated())
                .orElseThrow(ServiceCatalogue::notFound);
    }
}
