package org.fedimpute.files.validation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Tuning of genotype file validation; the missingness thresholds default to the QC limits of Michigan Imputation
 * Server (a variant is excluded above 10 % missing, a sample above 50 %).
 *
 * @param concurrency validations that run at once; 0 means one per available processor
 * @param examplesPerCode findings listed per code; further ones are only counted
 * @param worstSamples samples listed in the missingness summary
 * @param sampleMissingThreshold a sample's missing rate above which it is reported
 * @param variantMissingThreshold a variant's missing rate above which it is reported
 * @param inlineSize uploads up to this size are validated before they are answered, larger ones in the background
 */
@ConfigurationProperties("fedimpute.files.validation")
public record ValidationProperties(
        @DefaultValue("0") int concurrency,
        @DefaultValue("10") int examplesPerCode,
        @DefaultValue("10") int worstSamples,
        @DefaultValue("0.5") double sampleMissingThreshold,
        @DefaultValue("0.1") double variantMissingThreshold,
        @DefaultValue("64MB") DataSize inlineSize) {

    public ValidationProperties {
        if (concurrency < 0 || examplesPerCode < 1 || worstSamples < 0) {
            throw new IllegalArgumentException("concurrency must be >= 0, examplesPerCode >= 1 and worstSamples >= 0");
        }
        if (!(sampleMissingThreshold >= 0 && sampleMissingThreshold <= 1)
                || !(variantMissingThreshold >= 0 && variantMissingThreshold <= 1)) {
            throw new IllegalArgumentException("missingness thresholds must be between 0 and 1");
        }
    }

    /** The defaults, for use outside Spring. */
    public static ValidationProperties defaults() {
        return new ValidationProperties(0, 10, 10, 0.5, 0.1, DataSize.ofMegabytes(64));
    }

    public long inlineBytes() {
        return inlineSize.toBytes();
    }

    int effectiveConcurrency() {
        return concurrency > 0 ? concurrency : Runtime.getRuntime().availableProcessors();
    }
}
