/**
 * The node's imputation: checks a run's input against the panel, runs the engine per chromosome, and writes the
 * imputed VCF, its index and the per-variant info; {@link org.fedimpute.node.pipeline.ImputationWorkflow} is what
 * the WES API sees of it.
 */
package org.fedimpute.node.pipeline;
