package org.fedimpute.files.quota;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How much each tier may keep stored.
 *
 * @param defaultTier the tier of a token that names none, or names one without a quota here
 * @param tiers the quota of each tier; {@code FREE} 10 GB and {@code PREMIUM} 100 GB unless set
 */
@ConfigurationProperties("fedimpute.files.quota")
record QuotaProperties(@DefaultValue("FREE") String defaultTier, Map<String, DataSize> tiers) {

    private static final Map<String, DataSize> DEFAULTS =
            Map.of("FREE", DataSize.ofGigabytes(10), "PREMIUM", DataSize.ofGigabytes(100));

    QuotaProperties {
        defaultTier = defaultTier.toUpperCase(Locale.ROOT);
        Map<String, DataSize> merged = new HashMap<>(DEFAULTS);
        if (tiers != null) {
            tiers.forEach((tier, quota) -> merged.put(tier.toUpperCase(Locale.ROOT), quota));
        }
        if (!merged.containsKey(defaultTier)) {
            throw new IllegalArgumentException("fedimpute.files.quota.default-tier " + defaultTier
                    + " has no quota in fedimpute.files.quota.tiers");
        }
        tiers = Map.copyOf(merged);
    }
}
