package org.fedimpute.registry.discovery;

import java.util.List;
import java.util.UUID;
import org.fedimpute.registry.services.ServiceKind;
import org.fedimpute.registry.services.ServiceRequest;

/**
 * Discovery's answer: the best services first, each with its score, the components it is the weighted mean of, and
 * the facts behind them, plus the weights used, so that every place can be checked by hand.
 */
record RankedServices(DiscoveryProperties.Weights weights, List<RankedService> items) {

    /** One service's place in the ranking. */
    record RankedService(
            ServiceIdentity service, double score, RankingFormula.Components components, Reasons reasons) {}

    /** Which service it is. */
    record ServiceIdentity(UUID id, String slug, String name, ServiceKind kind, ServiceRequest.Location location) {}

    /**
     * The facts the components were computed from; null where nothing is known.
     *
     * @param distanceKm great-circle distance between researcher and service, when both locations are known
     * @param sameCountry without coordinates, whether the service is in the country the researcher named
     * @param latencyP50Ms median response time of the recent successful health checks
     * @param successRate share of recent jobs that succeeded, as observed (the component smooths it)
     * @param jobsConsidered how many recent jobs the success rate is over
     * @param matchingPanels remote keys of the available panels matching the requested build and population
     */
    record Reasons(
            Double distanceKm,
            Boolean sameCountry,
            Double latencyP50Ms,
            Double successRate,
            long jobsConsidered,
            List<String> matchingPanels) {}
}
