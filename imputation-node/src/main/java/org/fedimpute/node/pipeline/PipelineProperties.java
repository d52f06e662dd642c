package org.fedimpute.node.pipeline;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How hard the node's imputation works and how strict its input check is ({@code fedimpute.node.*}).
 *
 * @param threads the threads one run's engines share, chromosomes running in parallel up to this; 0 means the
 *     machine's processors
 * @param minPanelOverlap the share of a chromosome's input markers that must be in the panel (same position, same
 *     alleles) for it to be imputed. 0.5 is Michigan Imputation Server's chunk threshold: a genotyping array on the
 *     panel's build overlaps a dense panel by 80-100%, while positions from another build land on a panel site with
 *     the same alleles by chance only, a few percent at most
 * @param engineNiceness the {@code nice} value engines run at (0 to 19; 0 runs them at the node's own priority). An
 *     engine takes every core it is given for minutes; at 10 the node's own API (the hub's status polls, health
 *     checks) and anything sharing the machine, such as the hub's services in local mode, are served first
 */
@ConfigurationProperties("fedimpute.node")
record PipelineProperties(
        @DefaultValue("0") int threads,
        @DefaultValue("0.5") double minPanelOverlap,
        @DefaultValue("10") int engineNiceness) {

    PipelineProperties {
        if (threads < 0) {
            throw new IllegalArgumentException("fedimpute.node.threads must be 0 (all processors) or more");
        }
        if (!(minPanelOverlap >= 0 && minPanelOverlap <= 1)) {
            throw new IllegalArgumentException("fedimpute.node.min-panel-overlap must be between 0 and 1");
        }
        if (engineNiceness < 0 || engineNiceness > 19) {
            throw new IllegalArgumentException("fedimpute.node.engine-niceness must be between 0 and 19");
        }
    }

    /** The threads to use: the configured number, or the machine's processors. */
    int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}
