package org.fedimpute.test.genotypes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A reproducible Li–Stephens-style population (haplotypes copied as mosaics of a few founders, with mutations) whose
 * reference panel, target array and truth let an imputation engine show real accuracy in tests and in the demo.
 *
 * <p>Same settings, same bytes: every random choice comes from {@link SplittableRandom} streams split off the seed in
 * a fixed order (sites, founders, reference, target), so changing the target size leaves the reference unchanged.
 */
public final class GenotypeSimulation {

    /**
     * How many generations ago the founders lived: a founder switch probability {@code s} between adjacent sites
     * stands for {@code -ln(1 - s) / FOUNDER_GENERATIONS} Morgans, so the default 0.01 per ~1 kb is about the human
     * average of 1 cM/Mb and engines using their default effective population size (Beagle: ne=100000) fit the data.
     */
    static final int FOUNDER_GENERATIONS = 1_000;

    private static final String[] BASES = {"A", "C", "G", "T"};

    private final long seed;
    private final String chromosome;
    private final ReferenceAssembly assembly;
    private final int founderHaplotypes;
    private final int referenceSamples;
    private final int targetSamples;
    private final int variantSites;
    private final int firstPosition;
    private final int meanSiteSpacing;
    private final double switchRatePerSite;
    private final double mutationRate;
    private final double arrayFraction;
    private final boolean phasedTarget;
    private final int contigLength;

    private GenotypeSimulation(Builder builder) {
        this.seed = builder.seed;
        this.chromosome = requireNonNull("chromosome", builder.chromosome);
        this.assembly = ReferenceAssembly.named(requireNonNull("genomeBuild", builder.genomeBuild));
        this.founderHaplotypes = atLeast("founderHaplotypes", builder.founderHaplotypes, 2);
        this.referenceSamples = atLeast("referenceSamples", builder.referenceSamples, 1);
        this.targetSamples = atLeast("targetSamples", builder.targetSamples, 1);
        this.variantSites = atLeast("variantSites", builder.variantSites, 2);
        this.firstPosition = atLeast("firstPosition", builder.firstPosition, 1);
        this.meanSiteSpacing = atLeast("meanSiteSpacing", builder.meanSiteSpacing, 1);
        if (!(builder.switchRatePerSite >= 0 && builder.switchRatePerSite < 1)) {
            throw new IllegalArgumentException(
                    "switchRatePerSite must be in [0, 1) but was " + builder.switchRatePerSite);
        }
        this.switchRatePerSite = builder.switchRatePerSite;
        if (!(builder.mutationRate >= 0 && builder.mutationRate <= 0.5)) {
            throw new IllegalArgumentException("mutationRate must be in [0, 0.5] but was " + builder.mutationRate);
        }
        this.mutationRate = builder.mutationRate;
        if (!(builder.arrayFraction > 0 && builder.arrayFraction <= 1)) {
            throw new IllegalArgumentException("arrayFraction must be in (0, 1] but was " + builder.arrayFraction);
        }
        this.arrayFraction = builder.arrayFraction;
        this.phasedTarget = builder.phasedTarget;
        this.contigLength = assembly.chromosomeLength(chromosome);
        long lastPossiblePosition = firstPosition + (long) (variantSites - 1) * (2L * meanSiteSpacing - 1);
        if (lastPossiblePosition > contigLength) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "variantSites (%d) at meanSiteSpacing %d from firstPosition %d may reach %d, past the end of"
                            + " chromosome %s (%d bp in %s)",
                    variantSites,
                    meanSiteSpacing,
                    firstPosition,
                    lastPossiblePosition,
                    chromosome,
                    contigLength,
                    assembly.displayName()));
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, to derive a variant (another seed, fewer sites, …). */
    public Builder toBuilder() {
        return new Builder()
                .seed(seed)
                .chromosome(chromosome)
                .genomeBuild(assembly.displayName())
                .founderHaplotypes(founderHaplotypes)
                .referenceSamples(referenceSamples)
                .targetSamples(targetSamples)
                .variantSites(variantSites)
                .firstPosition(firstPosition)
                .meanSiteSpacing(meanSiteSpacing)
                .switchRatePerSite(switchRatePerSite)
                .mutationRate(mutationRate)
                .arrayFraction(arrayFraction)
                .phasedTarget(phasedTarget);
    }

    /**
     * Runs the simulation in memory; cheap enough (tens of milliseconds for 200 haplotypes × 10,000 sites) to call
     * often. Founder alleles come from local coalescent genealogies that change between sites at the same rate as
     * haplotypes switch founder; every haplotype, reference or target, starts on a random founder, switches to another
     * with {@code switchRatePerSite} and flips each copied allele with {@code mutationRate}.
     */
    public SimulatedPopulation simulate() {
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom siteRandom = root.split();
        SplittableRandom founderRandom = root.split();
        SplittableRandom referenceRandom = root.split();
        SplittableRandom targetRandom = root.split();

        List<SimulatedSite> sites = simulateSites(siteRandom);
        HaplotypeMatrix founders =
                FounderPanel.simulate(founderHaplotypes, variantSites, switchRatePerSite, founderRandom);
        HaplotypeMatrix reference = copyMosaics(founders, 2 * referenceSamples, referenceRandom);
        keepEverySitePolymorphic(reference, referenceRandom);
        HaplotypeMatrix target = copyMosaics(founders, 2 * targetSamples, targetRandom);
        return new SimulatedPopulation(chromosome, contigLength, sites, arraySiteIndices(), reference, target);
    }

    /**
     * Writes {@code reference.vcf.gz}, {@code target.vcf.gz}, {@code truth.vcf.gz} (each bgzipped with a tabix index)
     * and {@code genetic.map} into the directory, creating it if needed and replacing files of the same names.
     */
    public SimulatedDataset writeTo(Path directory) throws IOException {
        Files.createDirectories(directory);
        SimulatedDataset dataset = new SimulatedDataset(
                directory.resolve("reference.vcf.gz"),
                directory.resolve("target.vcf.gz"),
                directory.resolve("truth.vcf.gz"),
                directory.resolve("genetic.map"));
        SimulatedPopulation population = simulate();
        int[] allSites = IntStream.range(0, variantSites).toArray();
        SimulatedVcfWriter vcfWriter = new SimulatedVcfWriter(population, assembly.displayName(), seed);
        vcfWriter.write(
                dataset.reference(),
                population.referenceSampleNames(),
                population.referenceHaplotypes(),
                allSites,
                true);
        vcfWriter.write(
                dataset.target(),
                population.targetSampleNames(),
                population.targetHaplotypes(),
                population.arraySiteIndices(),
                phasedTarget);
        vcfWriter.write(dataset.truth(), population.targetSampleNames(), population.targetHaplotypes(), allSites, true);
        PlinkGeneticMap.write(dataset.geneticMap(), chromosome, population.sites());
        return dataset;
    }

    public long seed() {
        return seed;
    }

    public String chromosome() {
        return chromosome;
    }

    public String genomeBuild() {
        return assembly.displayName();
    }

    public int founderHaplotypes() {
        return founderHaplotypes;
    }

    public int referenceSamples() {
        return referenceSamples;
    }

    public int targetSamples() {
        return targetSamples;
    }

    public int variantSites() {
        return variantSites;
    }

    public int firstPosition() {
        return firstPosition;
    }

    public int meanSiteSpacing() {
        return meanSiteSpacing;
    }

    public double switchRatePerSite() {
        return switchRatePerSite;
    }

    public double mutationRate() {
        return mutationRate;
    }

    public double arrayFraction() {
        return arrayFraction;
    }

    public boolean phasedTarget() {
        return phasedTarget;
    }

    /** Number of sites on the target array: {@code arrayFraction × variantSites}, rounded, at least one. */
    public int arraySites() {
        return (int) Math.max(1, Math.min(variantSites, Math.round(arrayFraction * variantSites)));
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "GenotypeSimulation[seed=%d, chromosome=%s, genomeBuild=%s, founderHaplotypes=%d, referenceSamples=%d,"
                        + " targetSamples=%d, variantSites=%d, firstPosition=%d, meanSiteSpacing=%d,"
                        + " switchRatePerSite=%s, mutationRate=%s, arrayFraction=%s, phasedTarget=%s]",
                seed,
                chromosome,
                assembly.displayName(),
                founderHaplotypes,
                referenceSamples,
                targetSamples,
                variantSites,
                firstPosition,
                meanSiteSpacing,
                switchRatePerSite,
                mutationRate,
                arrayFraction,
                phasedTarget);
    }

    private List<SimulatedSite> simulateSites(SplittableRandom random) {
        double centiMorgansPerInterval = -100 * Math.log1p(-switchRatePerSite) / FOUNDER_GENERATIONS;
        List<SimulatedSite> sites = new ArrayList<>(variantSites);
        int position = firstPosition;
        for (int site = 0; site < variantSites; site++) {
            if (site > 0) {
                position += 1 + random.nextInt(2 * meanSiteSpacing - 1);
            }
            int referenceBase = random.nextInt(BASES.length);
            int alternateBase = (referenceBase + 1 + random.nextInt(BASES.length - 1)) % BASES.length;
            sites.add(new SimulatedSite(
                    position,
                    "rs_sim_" + position,
                    BASES[referenceBase],
                    BASES[alternateBase],
                    site * centiMorgansPerInterval));
        }
        return sites;
    }

    private HaplotypeMatrix copyMosaics(HaplotypeMatrix founders, int haplotypes, SplittableRandom random) {
        HaplotypeMatrix mosaics = new HaplotypeMatrix(haplotypes, variantSites);
        for (int haplotype = 0; haplotype < haplotypes; haplotype++) {
            int founder = random.nextInt(founderHaplotypes);
            for (int site = 0; site < variantSites; site++) {
                if (site > 0 && random.nextDouble() < switchRatePerSite) {
                    founder = (founder + 1 + random.nextInt(founderHaplotypes - 1)) % founderHaplotypes;
                }
                int allele = founders.allele(founder, site);
                if (random.nextDouble() < mutationRate) {
                    allele ^= 1;
                }
                if (allele == 1) {
                    mosaics.setAlt(haplotype, site);
                }
            }
        }
        return mosaics;
    }

    /** A site no reference haplotype varies at would be useless to imputation: give it one mutated copy. */
    private static void keepEverySitePolymorphic(HaplotypeMatrix reference, SplittableRandom random) {
        for (int site = 0; site < reference.siteCount(); site++) {
            int altCount = reference.altAlleleCount(site);
            if (altCount == 0 || altCount == reference.haplotypeCount()) {
                reference.flip(random.nextInt(reference.haplotypeCount()), site);
            }
        }
    }

    /** Array sites spread evenly over the region: the middle site of each of {@link #arraySites()} equal windows. */
    private int[] arraySiteIndices() {
        int count = arraySites();
        int[] indices = new int[count];
        for (int index = 0; index < count; index++) {
            indices[index] = (int) (((2L * index + 1) * variantSites) / (2L * count));
        }
        return indices;
    }

    private static String requireNonNull(String name, String value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    private static int atLeast(String name, int value, int minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(name + " must be at least " + minimum + " but was " + value);
        }
        return value;
    }

    /** Settings of a {@link GenotypeSimulation}; every one has a default, {@link #build()} validates them together. */
    public static final class Builder {

        private long seed = 1L;
        private String chromosome = "20";
        private String genomeBuild = "GRCh37";
        private int founderHaplotypes = 16;
        private int referenceSamples = 100;
        private int targetSamples = 20;
        private int variantSites = 3_000;
        private int firstPosition = 60_000;
        private int meanSiteSpacing = 1_000;
        private double switchRatePerSite = 0.01;
        private double mutationRate = 0.002;
        private double arrayFraction = 0.2;
        private boolean phasedTarget = true;

        private Builder() {}

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** "1".."22", "X" or "Y", optionally prefixed by "chr" as in GRCh38 files; default "20". */
        public Builder chromosome(String chromosome) {
            this.chromosome = chromosome;
            return this;
        }

        /** "GRCh37" (default) or "GRCh38": written as {@code ##reference} and decides the contig length. */
        public Builder genomeBuild(String genomeBuild) {
            this.genomeBuild = genomeBuild;
            return this;
        }

        /** Number of founder haplotypes every simulated haplotype is a mosaic of; default 16, at least 2. */
        public Builder founderHaplotypes(int founderHaplotypes) {
            this.founderHaplotypes = founderHaplotypes;
            return this;
        }

        /** Diploid reference panel samples; default 100 (200 haplotypes). */
        public Builder referenceSamples(int referenceSamples) {
            this.referenceSamples = referenceSamples;
            return this;
        }

        /** Diploid target samples, from the same population but not in the panel; default 20. */
        public Builder targetSamples(int targetSamples) {
            this.targetSamples = targetSamples;
            return this;
        }

        /** Biallelic SNPs in the region; default 3,000, at least 2. */
        public Builder variantSites(int variantSites) {
            this.variantSites = variantSites;
            return this;
        }

        /** Position of the first site; default 60,000. */
        public Builder firstPosition(int firstPosition) {
            this.firstPosition = firstPosition;
            return this;
        }

        /** Mean bp between consecutive sites, each gap uniform in [1, 2 × mean − 1]; default 1,000. */
        public Builder meanSiteSpacing(int meanSiteSpacing) {
            this.meanSiteSpacing = meanSiteSpacing;
            return this;
        }

        /** Probability a haplotype switches founder between consecutive sites, in [0, 1); default 0.01. */
        public Builder switchRatePerSite(double switchRatePerSite) {
            this.switchRatePerSite = switchRatePerSite;
            return this;
        }

        /** Probability a copied allele is flipped, per site and haplotype, in [0, 0.5]; default 0.002. */
        public Builder mutationRate(double mutationRate) {
            this.mutationRate = mutationRate;
            return this;
        }

        /** Fraction of sites the target array genotypes, in (0, 1]; default 0.2. */
        public Builder arrayFraction(double arrayFraction) {
            this.arrayFraction = arrayFraction;
            return this;
        }

        /** Whether target genotypes are phased ({@code 0|1}) or unphased ({@code 0/1}); default true. */
        public Builder phasedTarget(boolean phasedTarget) {
            this.phasedTarget = phasedTarget;
            return this;
        }

        /** @throws IllegalArgumentException naming the first setting that makes no sense */
        public GenotypeSimulation build() {
            return new GenotypeSimulation(this);
        }
    }
}
