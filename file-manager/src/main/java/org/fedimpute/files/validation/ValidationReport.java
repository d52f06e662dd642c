package org.fedimpute.files.validation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What validation found in one genotype file: a verdict, the file's shape (format, samples, variants, chromosomes,
 * build, phasing), its quality (site kinds, missingness, allele frequencies) and the findings with their fixes. A
 * record of records, serialisable as JSON as it is; summaries that could not be computed (an empty or non-VCF file)
 * are {@code null}.
 *
 * @param fileName the name the researcher gave the file, or the stored file's name
 * @param sizeBytes the size of the file as stored
 * @param verdict {@link Verdict#INVALID} when any finding is an error
 * @param format container and compression
 * @param vcfVersion the {@code ##fileformat} value, such as {@code VCFv4.2}
 * @param sampleCount sample columns in the header
 * @param variantCount data lines read
 * @param chromosomes each chromosome in the order it first appears
 * @param chromosomeNaming whether names carry the {@code chr} prefix
 * @param build the build detected from the file and the build declared
 * @param phasing whether genotypes are phased
 * @param sites kinds of sites
 * @param missingness missing genotypes per sample and per variant
 * @param alleleFrequencies distribution of ALT allele frequencies
 * @param findings the problems, errors first, at most a configured number of examples per code
 * @param findingTotals how many findings of each code there were, including those not listed
 */
public record ValidationReport(
        String fileName,
        long sizeBytes,
        Verdict verdict,
        FileFormat format,
        String vcfVersion,
        int sampleCount,
        long variantCount,
        List<ChromosomeSummary> chromosomes,
        ChromosomeNaming chromosomeNaming,
        BuildDetection build,
        Phasing phasing,
        SiteCounts sites,
        Missingness missingness,
        AlleleFrequencies alleleFrequencies,
        List<Finding> findings,
        Map<FindingCode, Long> findingTotals) {

    /** Whether the file may be submitted for imputation, and whether it deserves a second look. */
    public enum Verdict {
        VALID,
        VALID_WITH_WARNINGS,
        INVALID;

        static Verdict of(Map<FindingCode, Long> totals) {
            if (totals.keySet().stream().anyMatch(code -> code.severity() == Severity.ERROR)) {
                return INVALID;
            }
            if (totals.keySet().stream().anyMatch(code -> code.severity() == Severity.WARNING)) {
                return VALID_WITH_WARNINGS;
            }
            return VALID;
        }
    }

    /** Container and compression as read from the file's bytes, whatever its name says. */
    public enum FileFormat {
        VCF_BGZIP,
        VCF_GZIP,
        VCF_PLAIN,
        BCF,
        UNKNOWN
    }

    /** {@code 20} (NUMERIC, the hg19 convention), {@code chr20} (PREFIXED, the hg38 convention) or both. */
    public enum ChromosomeNaming {
        NUMERIC,
        PREFIXED,
        MIXED
    }

    /** Phasing of the called diploid genotypes. */
    public enum Phasing {
        PHASED,
        PARTIALLY_PHASED,
        UNPHASED,
        NO_GENOTYPES
    }

    /** How sure the build detection is: HIGH from contig lengths or positions, LOW from naming alone. */
    public enum Confidence {
        HIGH,
        MEDIUM,
        LOW,
        NONE
    }

    /** One chromosome: its variant count and the smallest and largest position seen. */
    public record ChromosomeSummary(String name, long variants, long firstPosition, long lastPosition) {}

    /**
     * @param declared the build the researcher declared, or {@code null}
     * @param detected the build the file's evidence points to, or {@code null} when it points nowhere
     * @param confidence how strong that evidence is
     * @param evidence each piece of evidence, in words
     */
    public record BuildDetection(
            GenomeBuild declared, GenomeBuild detected, Confidence confidence, List<String> evidence) {}

    /**
     * Sites by kind. Every site counts in exactly one of snps, indels, structural and otherNonSnp (multi-nucleotide
     * substitutions); the other counts cut across them.
     */
    public record SiteCounts(
            long snps,
            long indels,
            long structural,
            long otherNonSnp,
            long multiAllelic,
            long duplicates,
            long invalidAlleles,
            long filtered) {}

    /**
     * @param callRate called genotypes over all genotypes
     * @param missingGenotypes genotypes with at least one missing allele
     * @param sampleThreshold a sample's missing rate above which it counts in samplesAboveThreshold
     * @param worstSamples the samples with the highest missing rates, worst first
     * @param variantThreshold a variant's missing rate above which it counts in variantsAboveThreshold
     */
    public record Missingness(
            double callRate,
            long missingGenotypes,
            double sampleThreshold,
            int samplesAboveThreshold,
            List<SampleMissingness> worstSamples,
            double variantThreshold,
            long variantsAboveThreshold) {}

    /** One sample's share of missing genotypes. */
    public record SampleMissingness(String sample, double missingRate) {}

    /**
     * @param altAlleleFrequency sites by ALT allele frequency among called alleles, in bins {@code [from, to)} (the
     *     last bin includes 1)
     * @param monomorphic sites where every called allele is the same
     * @param withoutCalls sites with no called allele, in no bin
     * @param altFrequencyAboveHalf sites whose ALT allele is the major allele: many suggest REF/ALT swapped
     */
    public record AlleleFrequencies(
            List<FrequencyBin> altAlleleFrequency, long monomorphic, long withoutCalls, long altFrequencyAboveHalf) {}

    /** Sites whose ALT allele frequency is in {@code [from, to)}. */
    public record FrequencyBin(double from, double to, long sites) {}

    /** Whether job submission may use this file: no finding is an error. */
    public boolean acceptedForSubmission() {
        return verdict != Verdict.INVALID;
    }

    /** Error findings, including those beyond the listed examples. */
    public long errorCount() {
        return countOf(Severity.ERROR);
    }

    /** Warning findings, including those beyond the listed examples. */
    public long warningCount() {
        return countOf(Severity.WARNING);
    }

    /**
     * This report as if the researcher had declared {@code declared} (or nothing): the build and chromosome naming
     * findings and the verdict are recomputed without reading the file again, for a job that names its build only
     * at submission.
     */
    public ValidationReport withDeclaredBuild(GenomeBuild declared) {
        if (build == null) {
            return this;
        }
        BuildDetection redeclared =
                new BuildDetection(declared, build.detected(), build.confidence(), build.evidence());
        List<Finding> buildFindings =
                BuildChecks.findings(redeclared, chromosomeNaming, chromosomes, new Fixes(fileName));
        List<Finding> kept = new ArrayList<>(findings.stream()
                .filter(finding -> !BuildChecks.CODES.contains(finding.code()))
                .toList());
        kept.addAll(buildFindings);
        Map<FindingCode, Long> totals = new EnumMap<>(FindingCode.class);
        totals.putAll(findingTotals);
        totals.keySet().removeAll(BuildChecks.CODES);
        buildFindings.forEach(finding -> totals.merge(finding.code(), 1L, Long::sum));
        return new ValidationReport(
                fileName,
                sizeBytes,
                Verdict.of(totals),
                format,
                vcfVersion,
                sampleCount,
                variantCount,
                chromosomes,
                chromosomeNaming,
                redeclared,
                phasing,
                sites,
                missingness,
                alleleFrequencies,
                bySeverity(kept),
                Collections.unmodifiableMap(totals));
    }

    static List<Finding> bySeverity(List<Finding> findings) {
        return findings.stream().sorted(Comparator.comparing(Finding::severity)).toList();
    }

    private long countOf(Severity severity) {
        return findingTotals.entrySet().stream()
                .filter(entry -> entry.getKey().severity() == severity)
                .mapToLong(Map.Entry::getValue)
                .sum();
    }
}
