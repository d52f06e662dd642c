package org.fedimpute.node.pipeline;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** How a run's imputation ended, in the terms the WES API turns into a run state and outputs. */
public sealed interface PipelineOutcome {

    /**
     * The imputation finished.
     *
     * @param outputs files in the run's working directory by output name ({@code imputed_vcf}, {@code imputed_vcf_index},
     *     {@code info}), one file per chromosome in chromosome order
     */
    record Completed(Map<String, List<Path>> outputs) implements PipelineOutcome {

        public Completed {
            outputs = Map.copyOf(outputs);
        }
    }

    /**
     * The input or the engine failed ({@code EXECUTOR_ERROR}).
     *
     * @param reason what went wrong and what to do about it, in words a researcher understands
     */
    record Failed(String reason) implements PipelineOutcome {}

    /** The run was cancelled and its engine processes are gone ({@code CANCELED}). */
    record Cancelled() implements PipelineOutcome {}
}
