package org.fedimpute.test.genotypes;

import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * The in-memory outcome of a {@link GenotypeSimulation}: sites, which of them the target array types, and the true
 * haplotypes of reference and target samples, so that tests can compute expectations without parsing VCFs.
 */
public final class SimulatedPopulation {

    private final String chromosome;
    private final int contigLength;
    private final List<SimulatedSite> sites;
    private final int[] arraySiteIndices;
    private final HaplotypeMatrix referenceHaplotypes;
    private final HaplotypeMatrix targetHaplotypes;

    SimulatedPopulation(
            String chromosome,
            int contigLength,
            List<SimulatedSite> sites,
            int[] arraySiteIndices,
            HaplotypeMatrix referenceHaplotypes,
            HaplotypeMatrix targetHaplotypes) {
        this.chromosome = chromosome;
        this.contigLength = contigLength;
        this.sites = List.copyOf(sites);
        this.arraySiteIndices = arraySiteIndices.clone();
        this.referenceHaplotypes = referenceHaplotypes;
        this.targetHaplotypes = targetHaplotypes;
    }

    public String chromosome() {
        return chromosome;
    }

    /** Length of the chromosome in the chosen build, as written in the {@code ##contig} lines. */
    public int contigLength() {
        return contigLength;
    }

    /** All sites in increasing position order; the reference panel and the truth carry every one of them. */
    public List<SimulatedSite> sites() {
        return sites;
    }

    public int siteCount() {
        return sites.size();
    }

    /** Indices into {@link #sites()}, increasing, of the sites the target VCF genotypes. */
    public int[] arraySiteIndices() {
        return arraySiteIndices.clone();
    }

    /** Reference panel haplotypes at all sites. */
    public HaplotypeMatrix referenceHaplotypes() {
        return referenceHaplotypes;
    }

    /** True target haplotypes at all sites: the content of the truth VCF. */
    public HaplotypeMatrix targetHaplotypes() {
        return targetHaplotypes;
    }

    /** {@code REF0001}, {@code REF0002}, … in haplotype matrix order. */
    public List<String> referenceSampleNames() {
        return sampleNames("REF", referenceHaplotypes.sampleCount());
    }

    /** {@code TGT0001}, {@code TGT0002}, … in haplotype matrix order. */
    public List<String> targetSampleNames() {
        return sampleNames("TGT", targetHaplotypes.sampleCount());
    }

    private static List<String> sampleNames(String prefix, int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(number -> prefix + String.format(Locale.ROOT, "%04d", number))
                .toList();
    }
}
