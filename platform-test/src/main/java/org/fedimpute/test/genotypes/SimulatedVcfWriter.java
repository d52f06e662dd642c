package org.fedimpute.test.genotypes;

import htsjdk.samtools.SAMSequenceDictionary;
import htsjdk.samtools.SAMSequenceRecord;
import htsjdk.variant.variantcontext.Allele;
import htsjdk.variant.variantcontext.Genotype;
import htsjdk.variant.variantcontext.GenotypeBuilder;
import htsjdk.variant.variantcontext.VariantContextBuilder;
import htsjdk.variant.variantcontext.writer.Options;
import htsjdk.variant.variantcontext.writer.VariantContextWriter;
import htsjdk.variant.variantcontext.writer.VariantContextWriterBuilder;
import htsjdk.variant.vcf.VCFFormatHeaderLine;
import htsjdk.variant.vcf.VCFHeader;
import htsjdk.variant.vcf.VCFHeaderLine;
import htsjdk.variant.vcf.VCFHeaderLineType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Writes simulated haplotypes as bgzipped, tabix-indexed VCF 4.2 with htsjdk, with nothing time- or host-dependent. */
final class SimulatedVcfWriter {

    private static final String SOURCE = "FedImputeGenotypeSimulation";

    private final SimulatedPopulation population;
    private final SAMSequenceDictionary dictionary;
    private final String genomeBuild;
    private final long seed;

    SimulatedVcfWriter(SimulatedPopulation population, String genomeBuild, long seed) {
        this.population = population;
        this.dictionary = new SAMSequenceDictionary(
                List.of(new SAMSequenceRecord(population.chromosome(), population.contigLength())));
        this.genomeBuild = genomeBuild;
        this.seed = seed;
    }

    /**
     * Writes the given samples at the given sites (increasing indices into the population's sites) to a
     * {@code .vcf.gz} path, with its {@code .tbi} index beside it; unphased genotypes list REF before ALT.
     */
    void write(Path vcf, List<String> samples, HaplotypeMatrix haplotypes, int[] siteIndices, boolean phased) {
        try (VariantContextWriter writer = new VariantContextWriterBuilder()
                .setOutputPath(vcf)
                .setOutputFileType(VariantContextWriterBuilder.OutputType.BLOCK_COMPRESSED_VCF)
                .setReferenceDictionary(dictionary)
                .setOptions(EnumSet.of(Options.INDEX_ON_THE_FLY))
                .setCreateMD5(false)
                .build()) {
            writer.writeHeader(header(samples));
            for (int site : siteIndices) {
                SimulatedSite simulatedSite = population.sites().get(site);
                Allele reference = Allele.create(simulatedSite.referenceBase(), true);
                Allele alternate = Allele.create(simulatedSite.alternateBase(), false);
                List<Genotype> genotypes = new ArrayList<>(samples.size());
                for (int sample = 0; sample < samples.size(); sample++) {
                    Allele first = haplotypes.allele(2 * sample, site) == 1 ? alternate : reference;
                    Allele second = haplotypes.allele(2 * sample + 1, site) == 1 ? alternate : reference;
                    List<Allele> alleles =
                            phased || first == reference ? List.of(first, second) : List.of(second, first);
                    genotypes.add(new GenotypeBuilder(samples.get(sample), alleles)
                            .phased(phased)
                            .make());
                }
                writer.add(new VariantContextBuilder(
                                SOURCE,
                                population.chromosome(),
                                simulatedSite.position(),
                                simulatedSite.position(),
                                List.of(reference, alternate))
                        .id(simulatedSite.id())
                        .passFilters()
                        .genotypes(genotypes)
                        .make());
            }
        }
    }

    private VCFHeader header(List<String> samples) {
        Set<VCFHeaderLine> metaData = new LinkedHashSet<>();
        metaData.add(new VCFHeaderLine("reference", genomeBuild));
        metaData.add(new VCFHeaderLine("source", SOURCE + " seed=" + seed));
        metaData.add(new VCFFormatHeaderLine("GT", 1, VCFHeaderLineType.String, "Genotype"));
        VCFHeader header = new VCFHeader(metaData, samples);
        header.setSequenceDictionary(dictionary);
        return header;
    }
}
