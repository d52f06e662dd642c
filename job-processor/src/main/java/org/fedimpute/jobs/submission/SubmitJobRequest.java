package org.fedimpute.jobs.submission;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/**
 * A job as a researcher submits it, its inputs already uploaded to file-manager.
 *
 * @param service the imputation service's slug
 * @param referencePanel the panel's remote key or its name, as the service lists it
 * @param population blank for "mixed"
 * @param phasing {@code eagle} unless given
 * @param r2Filter {@code 0} unless given
 * @param mode {@code imputation} unless given
 */
record SubmitJobRequest(
        @NotBlank @Size(max = 200) String name,
        @Size(max = 2000) String description,
        @NotBlank String service,
        @NotBlank String referencePanel,

        @NotBlank @Pattern(regexp = "hg19|hg38", message = "must be hg19 or hg38")
        String build,

        String population,

        @Pattern(regexp = "eagle|beagle|no_phasing", message = "must be eagle, beagle or no_phasing")
        String phasing,

        @Pattern(regexp = "0|0\\.001|0\\.1|0\\.2|0\\.3", message = "must be 0, 0.001, 0.1, 0.2 or 0.3")
        String r2Filter,

        @Pattern(regexp = "imputation|qc_only", message = "must be imputation or qc_only")
        String mode,

        @NotEmpty @Size(max = 100) List<@NotNull UUID> fileIds) {

    String populationOrMixed() {
        return population == null || population.isBlank() ? "mixed" : population.strip();
    }

    String phasingOrDefault() {
        return phasing == null ? "eagle" : phasing;
    }

    String r2FilterOrDefault() {
        return r2Filter == null ? "0" : r2Filter;
    }

    String modeOrDefault() {
        return mode == null ? "imputation" : mode;
    }
}
