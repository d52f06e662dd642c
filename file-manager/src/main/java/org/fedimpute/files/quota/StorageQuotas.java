package org.fedimpute.files.quota;

import java.util.Locale;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/** The storage quota of each tier, for uploads to be held to and users to read. */
@Component
@EnableConfigurationProperties(QuotaProperties.class)
public class StorageQuotas {

    private final QuotaProperties properties;

    StorageQuotas(QuotaProperties properties) {
        this.properties = properties;
    }

    /** The quota of the tier (as a token names it), or of the default tier for none or an unknown one. */
    public long quotaOf(String tier) {
        return properties.tiers().get(tierOrDefault(tier)).toBytes();
    }

    /** The tier whose quota applies to a token naming {@code tier}. */
    String tierOrDefault(String tier) {
        if (tier == null) {
            return properties.defaultTier();
        }
        String upper = tier.toUpperCase(Locale.ROOT);
        return properties.tiers().containsKey(upper) ? upper : properties.defaultTier();
    }
}
