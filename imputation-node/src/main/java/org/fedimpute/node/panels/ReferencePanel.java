package org.fedimpute.node.panels;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A reference panel as the node checked it at startup: what it offers, its files per chromosome, and what is wrong
 * with it (a panel with problems stays listed, so that the problems are seen, but cannot be used).
 *
 * @param id the id researchers name as {@code refpanel}
 * @param displayName its readable name
 * @param build its genome build, or null when the configured one is unknown
 * @param populations the populations it covers
 * @param chromosomes its files per chromosome, in configured order
 * @param haplotypes how many haplotypes its site list holds (0 where it has no genotypes)
 * @param problems what makes it unusable, in plain words; empty when it is usable
 */
public record ReferencePanel(
        String id,
        String displayName,
        GenomeBuild build,
        List<String> populations,
        List<Chromosome> chromosomes,
        int haplotypes,
        List<String> problems) {

    public ReferencePanel {
        populations = List.copyOf(populations);
        chromosomes = List.copyOf(chromosomes);
        problems = List.copyOf(problems);
    }

    public boolean usable() {
        return problems.isEmpty();
    }

    public Optional<Chromosome> chromosome(String name) {
        return chromosomes.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public List<String> chromosomeNames() {
        return chromosomes.stream().map(Chromosome::name).toList();
    }

    /**
     * A panel's files for one chromosome.
     *
     * @param name the chromosome as named in the panel's files
     * @param reference the reference haplotypes
     * @param sites the panel's markers as a VCF, for the input checks; empty when there is none to read
     * @param geneticMap the PLINK genetic map
     */
    public record Chromosome(String name, Path reference, Optional<Path> sites, Path geneticMap) {}
}
