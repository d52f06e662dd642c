package org.fedimpute.registry.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The ranking formula on its own: each component's rule, the weighted mean, and the great-circle distance. */
class RankingFormulaTests {

    private static final DiscoveryProperties.Weights DEFAULT_WEIGHTS =
            new DiscoveryProperties.Weights(0.25, 0.15, 0.4, 0.2);

    private final RankingFormula formula = formula(DEFAULT_WEIGHTS);

    @Test
    void greatCircleDistancesMatchKnownOnes() {
        assertThat(RankingFormula.distanceKm(51.5074, -0.1278, 48.8566, 2.3522)).isCloseTo(343.6, within(1.0));
        assertThat(RankingFormula.distanceKm(0, 0, 0, 180)).isCloseTo(Math.PI * 6371.0088, within(0.01));
        assertThat(RankingFormula.distanceKm(-33.92, 18.42, -33.92, 18.42)).isZero();
    }

    @Test
    void distanceAndLatencyHalveAtTheirHalfScoreAndAreNeutralWhenUnknown() {
        RankingFormula.Components atHalf = formula.components(2000.0, null, 500.0, 0, 0, false);
        assertThat(atHalf.distance()).isEqualTo(0.5);
        assertThat(atHalf.latency()).isEqualTo(0.5);
        RankingFormula.Components close = formula.components(0.0, null, 0.0, 0, 0, false);
        assertThat(close.distance()).isEqualTo(1.0);
        assertThat(close.latency()).isEqualTo(1.0);
        RankingFormula.Components unknown = formula.components(null, null, null, 0, 0, false);
        assertThat(unknown.distance()).isEqualTo(RankingFormula.NEUTRAL);
        assertThat(unknown.latency()).isEqualTo(RankingFormula.NEUTRAL);
        assertThat(formula.components(null, true, null, 0, 0, false).distance()).isEqualTo(1.0);
        assertThat(formula.components(null, false, null, 0, 0, false).distance())
                .isEqualTo(RankingFormula.NEUTRAL);
        assertThat(formula.components(4000.0, null, null, 0, 0, false).distance())
                .isGreaterThan(
                        formula.components(8000.0, null, null, 0, 0, false).distance());
    }

    @Test
    void theSuccessRateFollowsTheRuleOfSuccession() {
        assertThat(formula.components(null, null, null, 0, 0, false).successRate())
                .isEqualTo(0.5);
        assertThat(formula.components(null, null, null, 1, 1, false).successRate())
                .isEqualTo(2.0 / 3);
        assertThat(formula.components(null, null, null, 0, 1, false).successRate())
                .isEqualTo(1.0 / 3);
        assertThat(formula.components(null, null, null, 98, 100, false).successRate())
                .isEqualTo(99.0 / 102);
        assertThat(formula.components(null, null, null, 1, 1, false).successRate())
                .isLessThan(formula.components(null, null, null, 98, 100, false).successRate());
    }

    @Test
    void theScoreIsTheWeightedMeanOfTheComponents() {
        RankingFormula.Components components = new RankingFormula.Components(0.2, 0.4, 0.6, 1);
        assertThat(formula.score(components))
                .isCloseTo((0.25 * 0.2 + 0.15 * 0.4 + 0.4 * 0.6 + 0.2 * 1) / 1.0, within(1e-12));
        assertThat(formula(new DiscoveryProperties.Weights(2, 0, 0, 0)).score(components))
                .isCloseTo(0.2, within(1e-12));
        assertThat(formula(new DiscoveryProperties.Weights(1, 1, 1, 1)).score(components))
                .isCloseTo((0.2 + 0.4 + 0.6 + 1) / 4, within(1e-12));
    }

    @Test
    void weightsMustNotAllBeZero() {
        assertThatIllegalArgumentException().isThrownBy(() -> new DiscoveryProperties.Weights(0, 0, 0, 0));
    }

    private static RankingFormula formula(DiscoveryProperties.Weights weights) {
        return new RankingFormula(
                new DiscoveryProperties(weights, 2000, 500, Duration.ofHours(24), Duration.ofDays(30)));
    }
}
