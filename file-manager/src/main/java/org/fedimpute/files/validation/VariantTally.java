package org.fedimpute.files.validation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.fedimpute.files.validation.ValidationReport.AlleleFrequencies;
import org.fedimpute.files.validation.ValidationReport.ChromosomeNaming;
import org.fedimpute.files.validation.ValidationReport.ChromosomeSummary;
import org.fedimpute.files.validation.ValidationReport.FrequencyBin;
import org.fedimpute.files.validation.ValidationReport.Missingness;
import org.fedimpute.files.validation.ValidationReport.Phasing;
import org.fedimpute.files.validation.ValidationReport.SampleMissingness;
import org.fedimpute.files.validation.ValidationReport.SiteCounts;

/**
 * The statistics of one pass over the records (chromosomes and order, site kinds and duplicates, missingness, phasing,
 * allele frequencies) in memory proportional to the sample and chromosome counts only, raising the findings about
 * order and duplicates as they happen and the summary findings at the end.
 */
final class VariantTally {

    /** Kinds of site, by their most disruptive ALT allele. */
    enum SiteKind {
        SNP,
        INDEL,
        STRUCTURAL,
        OTHER
    }

    private static final double[] BIN_EDGES = {0, 0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 1
    };

    private final List<String> sampleNames;
    private final int[] sampleMissing;
    private final ValidationProperties properties;
    private final Findings findings;
    private final Fixes fixes;

    private final Map<String, Chromosome> chromosomes = new LinkedHashMap<>();
    private Chromosome current;
    private long variants;

    private final long[] kindCounts = new long[SiteKind.values().length];
    private final long[] kindFirstLines = new long[SiteKind.values().length];
    private long multiAllelic;
    private long firstMultiAllelicLine;
    private long duplicates;
    private long invalidAlleles;
    private long firstInvalidAllelesLine;
    private long filtered;
    private long firstFilteredLine;

    private long genotypedSites;
    private long missingGenotypes;
    private long variantsAboveThreshold;
    private long firstVariantAboveThresholdLine;
    private long phasedGenotypes;
    private long unphasedGenotypes;
    private long firstPhasedLine;
    private long firstUnphasedLine;
    private long withoutGenotypes;
    private long firstWithoutGenotypesLine;
    private String formatWithoutGenotypes;

    private final long[] frequencyBins = new long[BIN_EDGES.length - 1];
    private long monomorphic;
    private long firstMonomorphicLine;
    private long withoutCalls;
    private long altFrequencyAboveHalf;

    private long keysPosition = -1;
    private byte[] keys = new byte[256];
    private int keysLength;
    private int[] keyEnds = new int[8];
    private long[] keyLines = new long[8];
    private int keyCount;

    VariantTally(List<String> sampleNames, ValidationProperties properties, Findings findings, Fixes fixes) {
        this.sampleNames = sampleNames;
        this.sampleMissing = new int[sampleNames.size()];
        this.properties = properties;
        this.findings = findings;
        this.fixes = fixes;
    }

    /** Missing genotypes per sample, for the parser to count into directly. */
    int[] sampleMissing() {
        return sampleMissing;
    }

    /**
     * One record's site. {@code bytes[keyStart, keyEnd)} is its {@code REF\tALT} text, which identifies duplicates.
     */
    void site(
            long line,
            String chromosome,
            long position,
            SiteKind kind,
            int altAlleles,
            boolean invalid,
            boolean filteredSite,
            byte[] bytes,
            int keyStart,
            int keyEnd) {
        variants++;
        if (current == null || !current.name.equals(chromosome)) {
            switchTo(chromosome, line);
        }
        if (position < current.previous) {
            if (findings.count(FindingCode.UNSORTED)) {
                findings.list(
                        FindingCode.UNSORTED,
                        String.format(
                                Locale.ROOT,
                                "Position %,d on %s comes after position %,d: records must be sorted by position.",
                                position,
                                chromosome,
                                current.previous),
                        line,
                        fixes.sort());
            }
        }
        if (position != keysPosition) {
            keysPosition = position;
            keyCount = 0;
            keysLength = 0;
        } else {
            checkDuplicate(line, chromosome, position, bytes, keyStart, keyEnd);
        }
        remember(line, bytes, keyStart, keyEnd);
        current.add(position, line);

        int kindIndex = kind.ordinal();
        if (kindCounts[kindIndex]++ == 0) {
            kindFirstLines[kindIndex] = line;
        }
        if (altAlleles > 1 && multiAllelic++ == 0) {
            firstMultiAllelicLine = line;
        }
        if (invalid && invalidAlleles++ == 0) {
            firstInvalidAllelesLine = line;
        }
        if (filteredSite && filtered++ == 0) {
            firstFilteredLine = line;
        }
    }

    /** The genotypes of the record last passed to {@link #site}, counted by the parser. */
    void genotypes(long line, int missing, long calledAlleles, long altAlleles, long phased, long unphased) {
        genotypedSites++;
        missingGenotypes += missing;
        if (missing > properties.variantMissingThreshold() * sampleMissing.length && variantsAboveThreshold++ == 0) {
            firstVariantAboveThresholdLine = line;
        }
        if (phased > 0 && phasedGenotypes == 0) {
            firstPhasedLine = line;
        }
        if (unphased > 0 && unphasedGenotypes == 0) {
            firstUnphasedLine = line;
        }
        phasedGenotypes += phased;
        unphasedGenotypes += unphased;
        if (calledAlleles == 0) {
            withoutCalls++;
            return;
        }
        if ((altAlleles == 0 || altAlleles == calledAlleles) && monomorphic++ == 0) {
            firstMonomorphicLine = line;
        }
        double frequency = (double) altAlleles / calledAlleles;
        if (frequency > 0.5) {
            altFrequencyAboveHalf++;
        }
        int bin = 0;
        while (bin < frequencyBins.length - 1 && frequency >= BIN_EDGES[bin + 1]) {
            bin++;
        }
        frequencyBins[bin]++;
    }

    /** A record whose FORMAT has no GT. */
    void withoutGenotypes(long line, String format) {
        if (withoutGenotypes++ == 0) {
            firstWithoutGenotypesLine = line;
            formatWithoutGenotypes = format;
        }
    }

    long variants() {
        return variants;
    }

    /** The chromosomes in order of first appearance. */
    List<ChromosomeSummary> chromosomes() {
        return chromosomes.values().stream()
                .map(chromosome ->
                        new ChromosomeSummary(chromosome.name, chromosome.variants, chromosome.first, chromosome.last))
                .toList();
    }

    /** The line of the largest position on a chromosome, for findings about it. */
    long lineOfLastPosition(String chromosome) {
        return chromosomes.get(chromosome).lastLine;
    }

    ChromosomeNaming naming() {
        if (chromosomes.isEmpty()) {
            return null;
        }
        long prefixed = chromosomes.keySet().stream()
                .filter(name -> name.startsWith("chr"))
                .count();
        if (prefixed == 0) {
            return ChromosomeNaming.NUMERIC;
        }
        return prefixed == chromosomes.size() ? ChromosomeNaming.PREFIXED : ChromosomeNaming.MIXED;
    }

    Phasing phasing() {
        if (phasedGenotypes == 0 && unphasedGenotypes == 0) {
            return Phasing.NO_GENOTYPES;
        }
        if (unphasedGenotypes == 0) {
            return Phasing.PHASED;
        }
        return phasedGenotypes == 0 ? Phasing.UNPHASED : Phasing.PARTIALLY_PHASED;
    }

    SiteCounts siteCounts() {
        return new SiteCounts(
                kindCounts[SiteKind.SNP.ordinal()],
                kindCounts[SiteKind.INDEL.ordinal()],
                kindCounts[SiteKind.STRUCTURAL.ordinal()],
                kindCounts[SiteKind.OTHER.ordinal()],
                multiAllelic,
                duplicates,
                invalidAlleles,
                filtered);
    }

    /** Missingness, or {@code null} when no record had genotypes. */
    Missingness missingness() {
        if (genotypedSites == 0 || sampleMissing.length == 0) {
            return null;
        }
        long genotypes = genotypedSites * sampleMissing.length;
        List<SampleMissingness> worst = IntStream.range(0, sampleMissing.length)
                .boxed()
                .filter(sample -> sampleMissing[sample] > 0)
                .sorted(Comparator.comparingInt((Integer sample) -> sampleMissing[sample])
                        .reversed())
                .limit(properties.worstSamples())
                .map(sample -> new SampleMissingness(sampleNames.get(sample), sampleMissingRate(sample)))
                .toList();
        return new Missingness(
                1 - (double) missingGenotypes / genotypes,
                missingGenotypes,
                properties.sampleMissingThreshold(),
                samplesAboveThreshold().size(),
                worst,
                properties.variantMissingThreshold(),
                variantsAboveThreshold);
    }

    /** Allele frequencies, or {@code null} when no record had genotypes. */
    AlleleFrequencies alleleFrequencies() {
        if (genotypedSites == 0 || sampleMissing.length == 0) {
            return null;
        }
        List<FrequencyBin> bins = new ArrayList<>();
        for (int bin = 0; bin < frequencyBins.length; bin++) {
            bins.add(new FrequencyBin(BIN_EDGES[bin], BIN_EDGES[bin + 1], frequencyBins[bin]));
        }
        return new AlleleFrequencies(bins, monomorphic, withoutCalls, altFrequencyAboveHalf);
    }

    /** Raises the findings that summarise the whole file; call once, after the last record. */
    void summarise() {
        summary(
                FindingCode.MULTIALLELIC_SITES,
                multiAllelic,
                firstMultiAllelicLine,
                "site(s) have more than one ALT allele; imputation servers exclude them.",
                fixes.multiallelic());
        summary(
                FindingCode.INVALID_ALLELES,
                invalidAlleles,
                firstInvalidAllelesLine,
                "site(s) have alleles that are not bases (A, C, G, T, N); imputation servers exclude them.",
                fixes.invalidAlleles());
        summary(
                FindingCode.INDELS,
                kindCounts[SiteKind.INDEL.ordinal()],
                kindFirstLines[SiteKind.INDEL.ordinal()],
                "site(s) are insertions or deletions; imputation servers exclude them.",
                fixes.nonSnps());
        summary(
                FindingCode.STRUCTURAL_VARIANTS,
                kindCounts[SiteKind.STRUCTURAL.ordinal()],
                kindFirstLines[SiteKind.STRUCTURAL.ordinal()],
                "site(s) have symbolic, breakend or '*' alleles; imputation servers exclude them.",
                fixes.nonSnps());
        summary(
                FindingCode.FILTERED_SITES,
                filtered,
                firstFilteredLine,
                "site(s) have a FILTER other than PASS; imputation servers exclude them.",
                fixes.filtered());
        summary(
                FindingCode.MONOMORPHIC_SITES,
                sampleMissing.length > 1 ? monomorphic : 0,
                firstMonomorphicLine,
                "site(s) are monomorphic in these samples; imputation servers exclude them.",
                fixes.monomorphic());
        summary(
                FindingCode.NO_GENOTYPES,
                withoutGenotypes,
                firstWithoutGenotypesLine,
                "record(s) have no GT field (FORMAT '" + formatWithoutGenotypes + "'); imputation needs genotypes.",
                fixes.noGenotypes());
        summary(
                FindingCode.HIGH_VARIANT_MISSINGNESS,
                variantsAboveThreshold,
                firstVariantAboveThresholdLine,
                "variant(s) miss more than " + percent(properties.variantMissingThreshold())
                        + " of their genotypes; imputation servers exclude them.",
                fixes.variantMissingness(properties.variantMissingThreshold()));
        List<Integer> highSamples = samplesAboveThreshold();
        if (!highSamples.isEmpty()) {
            List<String> listed = highSamples.stream()
                    .limit(10)
                    .map(sample -> sampleNames.get(sample) + " (" + percent(sampleMissingRate(sample)) + ")")
                    .toList();
            findings.add(
                    FindingCode.HIGH_SAMPLE_MISSINGNESS,
                    String.format(
                            Locale.ROOT,
                            "%,d of %,d samples miss more than %s of their genotypes, such as %s.",
                            highSamples.size(),
                            sampleMissing.length,
                            percent(properties.sampleMissingThreshold()),
                            String.join(", ", listed)),
                    null,
                    fixes.sampleMissingness(
                            highSamples.stream().limit(10).map(sampleNames::get).toList()));
        }
        if (phasedGenotypes > 0 && unphasedGenotypes > 0) {
            findings.add(
                    FindingCode.PARTIALLY_PHASED,
                    String.format(
                            Locale.ROOT,
                            "%,d called genotypes are phased ('|') and %,d unphased ('/'): servers treat the file as"
                                    + " unphased, and Michigan refuses it if its first record is phased.",
                            phasedGenotypes,
                            unphasedGenotypes),
                    Math.max(firstPhasedLine, firstUnphasedLine),
                    fixes.partiallyPhased());
        }
    }

    private void summary(FindingCode code, long count, long firstLine, String what, String fix) {
        if (count > 0) {
            findings.add(code, String.format(Locale.ROOT, "%,d %s", count, what), firstLine, fix);
        }
    }

    private List<Integer> samplesAboveThreshold() {
        if (genotypedSites == 0) {
            return List.of();
        }
        return IntStream.range(0, sampleMissing.length)
                .filter(sample -> sampleMissingRate(sample) > properties.sampleMissingThreshold())
                .boxed()
                .toList();
    }

    private double sampleMissingRate(int sample) {
        return (double) sampleMissing[sample] / genotypedSites;
    }

    private void switchTo(String chromosome, long line) {
        Chromosome seen = chromosomes.get(chromosome);
        if (seen == null) {
            seen = new Chromosome(chromosome);
            chromosomes.put(chromosome, seen);
        } else if (findings.count(FindingCode.UNSORTED)) {
            findings.list(
                    FindingCode.UNSORTED,
                    "Chromosome " + chromosome + " starts again after " + current.name
                            + ": each chromosome's records must be together.",
                    line,
                    fixes.sort());
        }
        current = seen;
        keysPosition = -1;
    }

    private void checkDuplicate(long line, String chromosome, long position, byte[] bytes, int start, int end) {
        int keyStart = 0;
        for (int key = 0; key < keyCount; key++) {
            int keyEnd = keyEnds[key];
            if (Arrays.equals(keys, keyStart, keyEnd, bytes, start, end)) {
                duplicates++;
                if (findings.count(FindingCode.DUPLICATE_SITES)) {
                    String alleles = new String(bytes, start, end - start, java.nio.charset.StandardCharsets.UTF_8)
                            .replace('\t', '>');
                    findings.list(
                            FindingCode.DUPLICATE_SITES,
                            String.format(
                                    Locale.ROOT,
                                    "Site %s:%d %s repeats line %d.",
                                    chromosome,
                                    position,
                                    alleles,
                                    keyLines[key]),
                            line,
                            fixes.duplicates());
                }
                return;
            }
            keyStart = keyEnd;
        }
    }

    private void remember(long line, byte[] bytes, int start, int end) {
        int length = end - start;
        if (keysLength + length > keys.length) {
            keys = Arrays.copyOf(keys, Math.max(keys.length * 2, keysLength + length));
        }
        if (keyCount == keyEnds.length) {
            keyEnds = Arrays.copyOf(keyEnds, keyCount * 2);
            keyLines = Arrays.copyOf(keyLines, keyCount * 2);
        }
        System.arraycopy(bytes, start, keys, keysLength, length);
        keysLength += length;
        keyEnds[keyCount] = keysLength;
        keyLines[keyCount] = line;
        keyCount++;
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }

    /** One chromosome's running counts. */
    private static final class Chromosome {

        private final String name;
        private long variants;
        private long first = Long.MAX_VALUE;
        private long last;
        private long lastLine;
        private long previous;

        Chromosome(String name) {
            this.name = name;
        }

        void add(long position, long line) {
            variants++;
            first = Math.min(first, position);
            if (position > last) {
                last = position;
                lastLine = line;
            }
            previous = position;
        }
    }
}
