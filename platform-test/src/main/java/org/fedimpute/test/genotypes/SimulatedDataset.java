package org.fedimpute.test.genotypes;

import java.nio.file.Path;
import java.util.List;

/** The files {@link GenotypeSimulation#writeTo(Path)} produced, to hand to an imputation engine and to score it. */
public record SimulatedDataset(Path reference, Path target, Path truth, Path geneticMap) {

    private static final String INDEX_SUFFIX = ".tbi";

    public Path referenceIndex() {
        return indexOf(reference);
    }

    public Path targetIndex() {
        return indexOf(target);
    }

    public Path truthIndex() {
        return indexOf(truth);
    }

    /** Every file written, VCFs, their tabix indexes and the map, in a fixed order. */
    public List<Path> files() {
        return List.of(reference, referenceIndex(), target, targetIndex(), truth, truthIndex(), geneticMap);
    }

    private static Path indexOf(Path vcf) {
        return vcf.resolveSibling(vcf.getFileName() + INDEX_SUFFIX);
    }
}
