package org.fedimpute.node.accuracy;

import htsjdk.variant.variantcontext.Genotype;
import htsjdk.variant.variantcontext.VariantContext;
import htsjdk.variant.vcf.VCFFileReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How well an imputed VCF recovered genotypes that were hidden from the engine: genotype concordance and mean dosage
 * R² (squared correlation of dosage with the true allele count), by minor-allele-frequency bin of the truth. The
 * accuracy benchmark scores the node and Beagle run alone with it, so that their numbers can be set side by side.
 */
final class ImputationScore {

    /** Upper bounds of the minor-allele-frequency bins; a bin takes frequencies from the previous bound up to this. */
    static final double[] MAF_BOUNDS = {0.05, 0.1, 0.2, 0.5};

    private final List<Bin> bins = new ArrayList<>();

    private ImputationScore() {
        double lower = 0;
        for (double upper : MAF_BOUNDS) {
            bins.add(new Bin(lower, upper));
            lower = upper;
        }
    }

    /** Scores {@code imputed} at the {@code masked} positions (chromosome:position) against {@code truth}. */
    static ImputationScore of(Path imputed, Path truth, Set<String> masked) {
        Map<String, VariantContext> truthful = new HashMap<>();
        try (VCFFileReader reader = new VCFFileReader(truth, false)) {
            for (VariantContext variant : reader) {
                String key = key(variant);
                if (masked.contains(key) && variant.isBiallelic()) {
                    truthful.put(key, variant);
                }
            }
        }
        ImputationScore score = new ImputationScore();
        try (VCFFileReader reader = new VCFFileReader(imputed, false)) {
            for (VariantContext variant : reader) {
                VariantContext expected = truthful.get(key(variant));
                if (expected != null
                        && expected.getReference().equals(variant.getReference())
                        && expected.getAlternateAllele(0).equals(variant.getAlternateAllele(0))) {
                    score.add(variant, expected);
                }
            }
        }
        return score;
    }

    private void add(VariantContext imputed, VariantContext truth) {
        int samples = 0;
        int agreeing = 0;
        double alleles = 0;
        double[] dosage = new double[truth.getNSamples()];
        double[] actual = new double[truth.getNSamples()];
        for (Genotype expected : truth.getGenotypes()) {
            Genotype found = imputed.getGenotype(expected.getSampleName());
            if (found == null || !expected.isCalled()) {
                continue;
            }
            int trueCount = alternateCount(expected);
            dosage[samples] =
                    Double.parseDouble(found.getExtendedAttribute("DS").toString());
            actual[samples] = trueCount;
            alleles += trueCount;
            agreeing += alternateCount(found) == trueCount ? 1 : 0;
            samples++;
        }
        if (samples == 0) {
            return;
        }
        double frequency = alleles / (2.0 * samples);
        double maf = Math.min(frequency, 1 - frequency);
        Bin bin = bins.stream().filter(b -> maf <= b.upper).findFirst().orElseThrow();
        bin.variants++;
        bin.genotypes += samples;
        bin.agreeing += agreeing;
        double r2 = squaredCorrelation(dosage, actual, samples);
        if (!Double.isNaN(r2)) {
            bin.r2Sum += r2;
            bin.r2Variants++;
        }
    }

    int variants() {
        return bins.stream().mapToInt(bin -> bin.variants).sum();
    }

    double concordance() {
        long genotypes = bins.stream().mapToLong(bin -> bin.genotypes).sum();
        long agreeing = bins.stream().mapToLong(bin -> bin.agreeing).sum();
        return genotypes == 0 ? Double.NaN : (double) agreeing / genotypes;
    }

    double meanDosageR2() {
        double sum = bins.stream().mapToDouble(bin -> bin.r2Sum).sum();
        int count = bins.stream().mapToInt(bin -> bin.r2Variants).sum();
        return count == 0 ? Double.NaN : sum / count;
    }

    /** One line per MAF bin: variants, concordance and mean dosage R², then the overall figures. */
    List<String> table() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(
                Locale.ROOT, "%-13s %8s %12s %14s", "MAF bin", "variants", "concordance", "mean dosage R2"));
        for (Bin bin : bins) {
            lines.add(String.format(
                    Locale.ROOT,
                    "(%.2f, %.2f] %8d %12.4f %14.4f",
                    bin.lower,
                    bin.upper,
                    bin.variants,
                    bin.genotypes == 0 ? Double.NaN : (double) bin.agreeing / bin.genotypes,
                    bin.r2Variants == 0 ? Double.NaN : bin.r2Sum / bin.r2Variants));
        }
        lines.add(String.format(
                Locale.ROOT, "%-13s %8d %12.4f %14.4f", "all", variants(), concordance(), meanDosageR2()));
        return lines;
    }

    static String key(VariantContext variant) {
        return variant.getContig() + ":" + variant.getStart();
    }

    private static int alternateCount(Genotype genotype) {
        return (int) genotype.getAlleles().stream()
                .filter(allele -> allele.isNonReference() && allele.isCalled())
                .count();
    }

    private static double squaredCorrelation(double[] x, double[] y, int n) {
        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < n; i++) {
            meanX += x[i];
            meanY += y[i];
        }
        meanX /= n;
        meanY /= n;
        double covariance = 0;
        double varianceX = 0;
        double varianceY = 0;
        for (int i = 0; i < n; i++) {
            covariance += (x[i] - meanX) * (y[i] - meanY);
            varianceX += (x[i] - meanX) * (x[i] - meanX);
            varianceY += (y[i] - meanY) * (y[i] - meanY);
        }
        if (varianceX == 0 || varianceY == 0) {
            return Double.NaN;
        }
        return covariance * covariance / (varianceX * varianceY);
    }

    /** The counts of one MAF bin. */
    private static final class Bin {
        final double lower;
        final double upper;
        int variants;
        long genotypes;
        long agreeing;
        double r2Sum;
        int r2Variants;

        Bin(double lower, double upper) {
            this.lower = lower;
            this.upper = upper;
        }
    }
}
