package org.fedimpute.files.uploads;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class LimitPropertiesTests {

    private final LimitProperties limits = new LimitProperties(
            DataSize.ofMegabytes(500),
            DataSize.ofGigabytes(50),
            DataSize.ofGigabytes(200),
            Map.of("premium", new LimitProperties.TierLimits(null, DataSize.ofGigabytes(120))));

    @Test
    void aTiersOwnLimitReplacesTheGeneralOneAndOnlyThatOne() {
        assertThat(limits.resumableMaxOf("PREMIUM"))
                .isEqualTo(DataSize.ofGigabytes(120).toBytes());
        assertThat(limits.plainMaxOf("PREMIUM"))
                .isEqualTo(DataSize.ofMegabytes(500).toBytes());
        assertThat(limits.resumableMaxOf("FREE"))
                .isEqualTo(DataSize.ofGigabytes(50).toBytes());
        assertThat(limits.resumableMaxOf(null))
                .isEqualTo(DataSize.ofGigabytes(50).toBytes());
    }

    @Test
    void theResumableCeilingIsTheLargestOfAnyTier() {
        assertThat(limits.largestResumableMax())
                .isEqualTo(DataSize.ofGigabytes(120).toBytes());
    }
}
