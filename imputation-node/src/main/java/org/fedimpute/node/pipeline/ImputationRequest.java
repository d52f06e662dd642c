package org.fedimpute.node.pipeline;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One imputation in the node's own terms, taken from a WES run request: which engine, against which panel and build,
 * on which genotype files already in the run's working directory.
 *
 * @param engine the engine named by {@code workflow_url} ({@code imputation/beagle} names {@code beagle})
 * @param panel the node's id of the reference panel ({@code refpanel} in {@code workflow_params})
 * @param build the genome build the researcher declares ({@code hg19} or {@code hg38})
 * @param population the panel population asked for, or null for the whole panel
 * @param r2Filter imputed variants with a dosage R² below this are left out of the imputed VCF; 0 keeps all
 * @param inputs the genotype files, in the run's working directory
 */
public record ImputationRequest(
        String engine, String panel, String build, String population, double r2Filter, List<Path> inputs) {

    public ImputationRequest {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(panel, "panel");
        Objects.requireNonNull(build, "build");
        inputs = List.copyOf(inputs);
    }
}
