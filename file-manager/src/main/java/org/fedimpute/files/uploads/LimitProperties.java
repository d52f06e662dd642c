package org.fedimpute.files.uploads;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How large one file may be. A tier may raise or lower the limits for its users; an imputation service's own limit
 * (from service-registry) lowers them further for files meant for it.
 *
 * @param plainMax the largest plain (multipart) upload
 * @param resumableMax the largest resumable (tus) upload
 * @param resultMax the largest result file job-processor may stream in
 * @param tiers limits of a tier that differ from the ones above, by tier name ({@code FREE}, {@code PREMIUM})
 */
@ConfigurationProperties("fedimpute.files.limits")
record LimitProperties(
        @DefaultValue("500MB") DataSize plainMax,
        @DefaultValue("50GB") DataSize resumableMax,
        @DefaultValue("200GB") DataSize resultMax,
        Map<String, TierLimits> tiers) {

    LimitProperties {
        tiers = tiers == null
                ? Map.of()
                : tiers.entrySet().stream()
                        .collect(Collectors.toUnmodifiableMap(
                                tier -> tier.getKey().toUpperCase(Locale.ROOT), Map.Entry::getValue));
    }

    long plainMaxOf(String tier) {
        TierLimits limits = tierLimits(tier);
        return (limits.plainMax() != null ? limits.plainMax() : plainMax).toBytes();
    }

    long resumableMaxOf(String tier) {
        TierLimits limits = tierLimits(tier);
        return (limits.resumableMax() != null ? limits.resumableMax() : resumableMax).toBytes();
    }

    /** The largest resumable upload any tier allows: what the tus library itself refuses beyond. */
    long largestResumableMax() {
        return tiers.values().stream()
                .map(TierLimits::resumableMax)
                .filter(max -> max != null)
                .mapToLong(DataSize::toBytes)
                .reduce(resumableMax.toBytes(), Math::max);
    }

    private TierLimits tierLimits(String tier) {
        return tier == null ? TierLimits.NONE : tiers.getOrDefault(tier.toUpperCase(Locale.ROOT), TierLimits.NONE);
    }

    /** One tier's own limits; an unset one is the general limit. */
    record TierLimits(DataSize plainMax, DataSize resumableMax) {

        static final TierLimits NONE = new TierLimits(null, null);
    }
}
