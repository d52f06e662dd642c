package org.fedimpute.node.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * An imputation program the node can run, so that the pipeline stays the same whether Beagle or (later) Minimac4
 * does the work: it says whether it is installed, which reference files it reads, and how to impute one chromosome.
 */
public interface ImputationEngine {

    /** The engine's name in {@code workflow_url} and {@code workflow_engine} ({@code beagle}). */
    String name();

    /** Whether the engine can run here, read once when the node starts. */
    Installation installation();

    /** Why this engine cannot use the reference panel file, naming the fix; empty when it can. */
    Optional<String> referenceProblem(Path reference);

    /** The command that imputes one chromosome, to be started in the run's working directory. */
    List<String> command(ChromosomeImputation imputation);

    /** The bgzipped VCF the command writes, with dosages and per-variant {@code DR2}, {@code AF} and {@code IMP}. */
    Path imputedVcf(Path outputPrefix);

    /** The engine's own words for why it failed, read from the standard error it wrote. */
    String failure(List<String> standardError, int exitCode);

    /**
     * One chromosome to impute.
     *
     * @param chromosome the chromosome, as named in the target and the panel
     * @param target the researcher's genotypes (VCF)
     * @param reference the panel's reference haplotypes for this chromosome
     * @param geneticMap the PLINK genetic map for this chromosome
     * @param outputPrefix where the outputs go, without extension
     * @param threads how many threads the engine may use
     */
    record ChromosomeImputation(
            String chromosome, Path target, Path reference, Path geneticMap, Path outputPrefix, int threads) {}

    /** Whether an engine can run on this machine. */
    sealed interface Installation {

        /**
         * The engine is there.
         *
         * @param version its version as it reports it ({@code 5.4 (22Jul22.46e)})
         */
        record Installed(String version) implements Installation {}

        /**
         * The engine cannot run here.
         *
         * @param reason why, and what to install, in plain words
         */
        record NotInstalled(String reason) implements Installation {}
    }
}
