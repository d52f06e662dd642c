package org.fedimpute.jobs.submission;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A job configuration to save as a template; checked against the registry only when it is used. */
record JobTemplateRequest(
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
        String mode) {}
