package org.fedimpute.registry.discovery;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.fedimpute.events.ServiceHealth;
import org.fedimpute.registry.directory.ServiceDirectory;
import org.fedimpute.registry.directory.ServiceSummary;
import org.fedimpute.registry.panels.PanelCatalogue;
import org.fedimpute.registry.panels.PanelResponse;
import org.fedimpute.registry.services.ServiceRequest;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ranks the healthy services researchers are offered for a request: the directory decides which services can serve
 * the build and population, and {@link RankingFormula} orders them by what the registry knows of each.
 */
@Service
@EnableConfigurationProperties(DiscoveryProperties.class)
class ServiceRanking {

    private static final Comparator<RankedServices.RankedService> BEST_FIRST = Comparator.comparingDouble(
                    RankedServices.RankedService::score)
            .reversed()
            .thenComparing(ranked -> ranked.service().name())
            .thenComparing(ranked -> ranked.service().slug());

    private final ServiceDirectory directory;
    private final PanelCatalogue panels;
    private final ResponseTimes responseTimes;
    private final JobOutcomes outcomes;
    private final DiscoveryProperties properties;
    private final RankingFormula formula;
    private final Clock clock;

    ServiceRanking(
            ServiceDirectory directory,
            PanelCatalogue panels,
            ResponseTimes responseTimes,
            JobOutcomes outcomes,
            DiscoveryProperties properties,
            Clock clock) {
        this.directory = directory;
        this.panels = panels;
        this.responseTimes = responseTimes;
        this.outcomes = outcomes;
        this.properties = properties;
        this.formula = new RankingFormula(properties);
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    RankedServices rank(DiscoveryQuery query) {
        List<ServiceSummary> candidates = directory.offered(null, query.build(), query.population()).stream()
                .filter(service -> service.status().health() == ServiceHealth.HEALTHY)
                .toList();
        List<UUID> ids = candidates.stream().map(ServiceSummary::id).toList();
        Instant now = Instant.now(clock);
        Map<UUID, Double> latencies = responseTimes.medians(ids, now.minus(properties.latencyWindow()));
        Map<UUID, JobOutcomes.Tally> tallies = outcomes.since(ids, now.minus(properties.outcomeWindow()));
        List<RankedServices.RankedService> ranked = candidates.stream()
                .map(service -> rank(
                        service,
                        query,
                        latencies.get(service.id()),
                        tallies.getOrDefault(service.id(), JobOutcomes.Tally.NONE)))
                .sorted(BEST_FIRST)
                .limit(query.limit())
                .toList();
        return new RankedServices(properties.weights(), ranked);
    }

    private RankedServices.RankedService rank(
            ServiceSummary service, DiscoveryQuery query, Double latencyP50Ms, JobOutcomes.Tally tally) {
        ServiceRequest.Location location = service.location();
        Double distanceKm = null;
        Boolean sameCountry = null;
        if (query.locatedExactly()) {
            if (location.latitude() != null && location.longitude() != null) {
                distanceKm = RankingFormula.distanceKm(
                        query.latitude(), query.longitude(), location.latitude(), location.longitude());
            }
        } else if (query.country() != null && location.country() != null) {
            sameCountry = query.country().equalsIgnoreCase(location.country().strip());
        }
        List<String> matchingPanels = panels.panelsOf(service.id()).stream()
                .filter(panel -> matches(panel, query))
                .map(PanelResponse::remoteKey)
                .toList();
        RankingFormula.Components components = formula.components(
                distanceKm, sameCountry, latencyP50Ms, tally.succeeded(), tally.jobs(), !matchingPanels.isEmpty());
        return new RankedServices.RankedService(
                new RankedServices.ServiceIdentity(
                        service.id(), service.slug(), service.name(), service.kind(), location),
                formula.score(components),
                components,
                new RankedServices.Reasons(
                        distanceKm,
                        sameCountry,
                        latencyP50Ms,
                        tally.jobs() == 0 ? null : (double) tally.succeeded() / tally.jobs(),
                        tally.jobs(),
                        matchingPanels));
    }

    /** Whether the panel is available and has the requested build and population (either may be left open). */
    private static boolean matches(PanelResponse panel, DiscoveryQuery query) {
        return panel.available()
                && (query.build() == null || query.build().equals(panel.build()))
                && (query.population() == null
                        || panel.populations().stream()
                                .anyMatch(population -> population
                                        .toLowerCase(Locale.ROOT)
                                        .equals(query.population().toLowerCase(Locale.ROOT))));
    }
}
