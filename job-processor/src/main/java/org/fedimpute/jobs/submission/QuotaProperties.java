package org.fedimpute.jobs.submission;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How many jobs each tier may have: running at once, and submitted per calendar month (UTC). A tier not listed
 * has the FREE tier's quota.
 */
@ConfigurationProperties("fedimpute.jobs")
record QuotaProperties(Map<String, Quota> quotas) {

    QuotaProperties {
        quotas = quotas == null ? Map.of("FREE", new Quota(2, 20)) : Map.copyOf(quotas);
    }

    Quota forTier(String tier) {
        Quota quota = tier == null ? null : quotas.get(tier);
        return quota != null ? quota : quotas.getOrDefault("FREE", new Quota(2, 20));
    }

    /** One tier's limits. */
    record Quota(int concurrent, int monthly) {}
}
