package org.fedimpute.files.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class StorageQuotasTests {

    @Test
    void aTierSetFromTheEnvironmentInLowerCaseOverridesItsDefaultAndOthersKeepTheirs() {
        StorageQuotas quotas =
                new StorageQuotas(new QuotaProperties("free", Map.of("premium", DataSize.ofGigabytes(500))));

        assertThat(quotas.quotaOf("PREMIUM"))
                .isEqualTo(DataSize.ofGigabytes(500).toBytes());
        assertThat(quotas.quotaOf("FREE")).isEqualTo(DataSize.ofGigabytes(10).toBytes());
    }

    @Test
    void noTierOrAnUnknownOneGetsTheDefaultTiersQuota() {
        StorageQuotas quotas = new StorageQuotas(new QuotaProperties("FREE", null));

        assertThat(quotas.quotaOf(null)).isEqualTo(DataSize.ofGigabytes(10).toBytes());
        assertThat(quotas.tierOrDefault("ENTERPRISE")).isEqualTo("FREE");
        assertThatThrownBy(() -> new QuotaProperties("GOLD", null)).hasMessageContaining("GOLD");
    }
}
