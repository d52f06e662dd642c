package org.fedimpute.files.validation;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fedimpute.files.validation.ValidationReport.BuildDetection;
import org.fedimpute.files.validation.ValidationReport.ChromosomeNaming;
import org.fedimpute.files.validation.ValidationReport.ChromosomeSummary;
import org.fedimpute.files.validation.ValidationReport.Confidence;

/**
 * Works out which build a file is on from the evidence it carries (contig lengths and positions past a chromosome's
 * end in one build: strong; reference names in the header: medium; chromosome naming: weak; conflicts lower the
 * confidence), so that a wrongly declared build is caught on upload.
 */
final class BuildDetector {

    private static final int STRONG = 3;
    private static final int MEDIUM = 2;
    private static final int WEAK = 1;

    private static final List<String> GRCH37_NAMES =
            List.of("grch37", "hg19", "b37", "hs37", "g1k_v37", "assembly19", "ncbi37");
    private static final List<String> GRCH38_NAMES =
            List.of("grch38", "hg38", "b38", "hs38", "assembly38", "ncbi38", "gca_000001405.15");

    private BuildDetector() {}

    /**
     * @param contigLengths {@code ##contig} IDs with their declared lengths
     * @param assemblyNames {@code ##reference} values and {@code assembly} attributes of contig lines
     * @param chromosomes the chromosomes of the data with their largest positions
     * @param naming the naming convention of the data's chromosomes, or {@code null} without data
     */
    static BuildDetection detect(
            GenomeBuild declared,
            Map<String, Long> contigLengths,
            List<String> assemblyNames,
            List<ChromosomeSummary> chromosomes,
            ChromosomeNaming naming) {
        List<Evidence> evidence = new ArrayList<>();
        contigEvidence(contigLengths, evidence);
        positionEvidence(chromosomes, evidence);
        nameEvidence(assemblyNames, evidence);
        if (naming == ChromosomeNaming.NUMERIC) {
            evidence.add(new Evidence(
                    GenomeBuild.HG19, WEAK, "chromosomes are named without 'chr' (such as 20), the hg19 convention"));
        } else if (naming == ChromosomeNaming.PREFIXED) {
            evidence.add(new Evidence(
                    GenomeBuild.HG38, WEAK, "chromosomes are named with 'chr' (such as chr20), the hg38 convention"));
        }

        Map<GenomeBuild, Integer> scores = new EnumMap<>(GenomeBuild.class);
        Map<GenomeBuild, Integer> strongest = new EnumMap<>(GenomeBuild.class);
        for (Evidence item : evidence) {
            scores.merge(item.build(), item.weight(), Integer::sum);
            strongest.merge(item.build(), item.weight(), Math::max);
        }
        int hg19 = scores.getOrDefault(GenomeBuild.HG19, 0);
        int hg38 = scores.getOrDefault(GenomeBuild.HG38, 0);
        List<String> texts = evidence.stream().map(Evidence::text).toList();
        if (hg19 == hg38) {
            return new BuildDetection(declared, null, Confidence.NONE, texts);
        }
        GenomeBuild detected = hg19 > hg38 ? GenomeBuild.HG19 : GenomeBuild.HG38;
        GenomeBuild other = detected == GenomeBuild.HG19 ? GenomeBuild.HG38 : GenomeBuild.HG19;
        int level = strongest.get(detected);
        if (strongest.getOrDefault(other, 0) >= MEDIUM) {
            level--;
        }
        return new BuildDetection(declared, detected, confidence(level), texts);
    }

    private static void contigEvidence(Map<String, Long> contigLengths, List<Evidence> evidence) {
        for (GenomeBuild build : GenomeBuild.values()) {
            List<String> matching = new ArrayList<>();
            contigLengths.forEach((name, length) -> {
                String canonical = HumanChromosomes.canonical(name);
                if (length > 0 && length == HumanChromosomes.length(build, canonical)) {
                    matching.add(name + " (" + String.format(Locale.ROOT, "%,d", length) + " bp)");
                }
            });
            if (!matching.isEmpty()) {
                evidence.add(new Evidence(
                        build,
                        STRONG,
                        "the header's contig lengths match " + build.assembly() + " for " + matching.size()
                                + " chromosome(s), such as " + matching.getFirst()));
            }
        }
    }

    private static void positionEvidence(List<ChromosomeSummary> chromosomes, List<Evidence> evidence) {
        for (GenomeBuild shorter : GenomeBuild.values()) {
            GenomeBuild longer = shorter == GenomeBuild.HG19 ? GenomeBuild.HG38 : GenomeBuild.HG19;
            for (ChromosomeSummary chromosome : chromosomes) {
                String canonical = HumanChromosomes.canonical(chromosome.name());
                long shortLength = HumanChromosomes.length(shorter, canonical);
                long longLength = HumanChromosomes.length(longer, canonical);
                if (shortLength > 0
                        && chromosome.lastPosition() > shortLength
                        && chromosome.lastPosition() <= longLength) {
                    evidence.add(new Evidence(
                            longer,
                            STRONG,
                            String.format(
                                    Locale.ROOT,
                                    "position %,d on %s is past the end of that chromosome in %s (%,d bp)",
                                    chromosome.lastPosition(),
                                    chromosome.name(),
                                    shorter.assembly(),
                                    shortLength)));
                    break;
                }
            }
        }
    }

    private static void nameEvidence(List<String> assemblyNames, List<Evidence> evidence) {
        addFirstNaming(assemblyNames, GRCH37_NAMES, GenomeBuild.HG19, evidence);
        addFirstNaming(assemblyNames, GRCH38_NAMES, GenomeBuild.HG38, evidence);
    }

    private static void addFirstNaming(
            List<String> assemblyNames, List<String> tokens, GenomeBuild build, List<Evidence> evidence) {
        for (String name : assemblyNames) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (tokens.stream().anyMatch(lower::contains)) {
                evidence.add(new Evidence(build, MEDIUM, "the header names the reference '" + name + "'"));
                return;
            }
        }
    }

    private static Confidence confidence(int level) {
        return switch (level) {
            case STRONG -> Confidence.HIGH;
            case MEDIUM -> Confidence.MEDIUM;
            case WEAK -> Confidence.LOW;
            default -> Confidence.NONE;
        };
    }

    private record Evidence(GenomeBuild build, int weight, String text) {}
}
