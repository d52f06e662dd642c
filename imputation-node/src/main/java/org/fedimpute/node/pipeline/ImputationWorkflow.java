package org.fedimpute.node.pipeline;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the WES API needs of the node's imputation: what it can run (for service-info and health), whether it can take
 * a request (refused with 400 before anything is queued), and running one in a working directory.
 */
public interface ImputationWorkflow {

    /** The engines installed on this node with their versions; empty where none is. */
    List<EngineDescription> engines();

    /** Why runs cannot be taken at all (no engine installed), in plain words; empty when they can. */
    Optional<String> unavailableReason();

    /** The reference panels this node offers. */
    List<PanelDescription> panels();

    /**
     * What is wrong with the node's setup (a configured panel whose files are missing, a panel no engine can read), in
     * plain words for operators, for health and service-info; empty when nothing is.
     */
    default List<String> configurationProblems() {
        return List.of();
    }

    /**
     * Why this node cannot take the request (no engine, an engine it does not have, an unknown panel or population, a
     * build the panel is not on); empty when it can. Looks at the request only, not at the input files.
     */
    Optional<String> refusal(ImputationRequest request);

    /**
     * Runs the imputation in {@code workDir}, recording each step, until it completes, fails or is cancelled through
     * {@code control}. Never throws for a bad input or a failing engine: those are {@link PipelineOutcome.Failed}.
     */
    PipelineOutcome run(ImputationRequest request, Path workDir, StepLog steps, RunControl control);

    /**
     * An installed engine.
     *
     * @param name the engine's name in {@code workflow_url} and {@code workflow_engine} ({@code beagle})
     * @param version its version as the engine itself reports it ({@code 5.4 (22Jul22.46e)})
     */
    record EngineDescription(String name, String version) {}

    /**
     * A reference panel offered by this node.
     *
     * @param id the panel's id, the {@code refpanel} researchers name
     * @param displayName its readable name
     * @param build the genome build of its positions ({@code hg19}, {@code hg38})
     * @param populations the populations it covers
     * @param chromosomes the chromosomes it has, as named in its files
     * @param haplotypes how many reference haplotypes it holds, where known (0 otherwise)
     */
    record PanelDescription(
            String id,
            String displayName,
            String build,
            List<String> populations,
            List<String> chromosomes,
            int haplotypes) {}
}
