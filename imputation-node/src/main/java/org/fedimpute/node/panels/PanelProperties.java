package org.fedimpute.node.panels;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The reference panels as configured ({@code fedimpute.node.panels}); {@link ReferencePanels} checks them.
 *
 * @param panels the panels this node offers
 */
@ConfigurationProperties("fedimpute.node")
public record PanelProperties(@DefaultValue List<Panel> panels) {

    /**
     * One panel.
     *
     * @param id the id researchers name as {@code refpanel}
     * @param displayName its readable name; the id when unset
     * @param build its genome build, {@code hg19} or {@code hg38}
     * @param populations the populations it covers
     * @param chromosomes its files, per chromosome
     */
    public record Panel(
            String id,
            String displayName,
            String build,
            @DefaultValue List<String> populations,
            @DefaultValue List<Chromosome> chromosomes) {}

    /**
     * A panel's files for one chromosome.
     *
     * @param chromosome the chromosome as named in the panel's files ({@code 20} or {@code chr20})
     * @param reference the reference haplotypes: bref3, VCF ({@code .vcf}, {@code .vcf.gz}) or BCF
     * @param sites a VCF of the panel's markers for the input checks; unset, the reference when it is a VCF
     * @param geneticMap the PLINK genetic map
     */
    public record Chromosome(String chromosome, Path reference, Path sites, Path geneticMap) {}
}
