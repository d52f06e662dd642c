package org.fedimpute.registry.discovery;

/**
 * The score discovery ranks by: a weighted mean of four components, each in [0, 1] with 1 best, so that every place
 * in a ranking can be recomputed from the reasons given with it.
 *
 * <ul>
 *   <li>distance: {@code h / (h + km)} with {@code h} the half-score distance; without both locations, 1 when the
 *       researcher named the service's country, otherwise a neutral 0.5;
 *   <li>latency: {@code h / (h + p50)} over the median response time of recent successful health checks; 0.5 without
 *       any;
 *   <li>success rate: {@code (succeeded + 1) / (jobs + 2)} over recent jobs (Laplace's rule of succession, so one
 *       success in one job is 2/3 rather than certainty, and no jobs at all is 0.5);
 *   <li>panel match: 1 when an available panel matches the requested build and population, else 0.
 * </ul>
 */
final class RankingFormula {

    /** What a component is when nothing is known. */
    static final double NEUTRAL = 0.5;

    /** The mean radius of the Earth (IUGG), in km. */
    private static final double EARTH_RADIUS_KM = 6371.0088;

    private final DiscoveryProperties properties;

    RankingFormula(DiscoveryProperties properties) {
        this.properties = properties;
    }

    Components components(
            Double distanceKm, Boolean sameCountry, Double latencyP50Ms, long succeeded, long jobs, boolean panels) {
        double distance;
        if (distanceKm != null) {
            distance = halving(distanceKm, properties.distanceHalfScoreKm());
        } else {
            distance = Boolean.TRUE.equals(sameCountry) ? 1 : NEUTRAL;
        }
        double latency = latencyP50Ms == null ? NEUTRAL : halving(latencyP50Ms, properties.latencyHalfScoreMs());
        double successRate = (succeeded + 1.0) / (jobs + 2.0);
        return new Components(distance, latency, successRate, panels ? 1 : 0);
    }

    double score(Components components) {
        DiscoveryProperties.Weights weights = properties.weights();
        return (weights.distance() * components.distance()
                        + weights.latency() * components.latency()
                        + weights.successRate() * components.successRate()
                        + weights.panelMatch() * components.panelMatch())
                / weights.total();
    }

    /** The great-circle distance between two points given in degrees (haversine formula), in km. */
    static double distanceKm(double latitude1, double longitude1, double latitude2, double longitude2) {
        double phi1 = Math.toRadians(latitude1);
        double phi2 = Math.toRadians(latitude2);
        double halfDeltaPhi = Math.toRadians(latitude2 - latitude1) / 2;
        double halfDeltaLambda = Math.toRadians(longitude2 - longitude1) / 2;
        double a = Math.sin(halfDeltaPhi) * Math.sin(halfDeltaPhi)
                + Math.cos(phi1) * Math.cos(phi2) * Math.sin(halfDeltaLambda) * Math.sin(halfDeltaLambda);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    private static double halving(double value, double halfScore) {
        return halfScore / (halfScore + Math.max(0, value));
    }

    /** The four components of a score, each in [0, 1]. */
    record Components(double distance, double latency, double successRate, double panelMatch) {}
}
