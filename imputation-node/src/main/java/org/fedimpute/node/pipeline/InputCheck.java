package org.fedimpute.node.pipeline;

import htsjdk.variant.variantcontext.Allele;
import htsjdk.variant.variantcontext.VariantContext;
import htsjdk.variant.vcf.VCFFileReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.fedimpute.node.panels.GenomeBuild;
import org.fedimpute.node.panels.ReferencePanel;

/**
 * The {@code check input} step: reads the researcher's files with htsjdk and turns what would make the engine fail
 * or impute nonsense (not a VCF, no samples, unsorted, chromosome names or a build that do not match the panel) into
 * a reason a researcher can act on, before any engine time is spent.
 */
final class InputCheck {

    private static final int CANCEL_CHECK_INTERVAL = 10_000;

    private final double minPanelOverlap;

    InputCheck(double minPanelOverlap) {
        this.minPanelOverlap = minPanelOverlap;
    }

    /** How the check ended. */
    sealed interface Result {

        /**
         * The input can be imputed.
         *
         * @param chromosomes the chromosomes to impute, in chromosome order
         */
        record Passed(List<ChromosomeInput> chromosomes) implements Result {}

        /**
         * The input cannot be imputed.
         *
         * @param reason why, and what to do about it
         */
        record Rejected(String reason) implements Result {}
    }

    /**
     * One chromosome to impute.
     *
     * @param file the input file that holds it
     * @param panel the panel's files for it
     */
    record ChromosomeInput(Path file, ReferencePanel.Chromosome panel) {

        String chromosome() {
            return panel.name();
        }
    }

    /** Raised inside the check when the run is cancelled, to stop reading. */
    static final class Cancelled extends RuntimeException {

        Cancelled() {
            super("cancelled", null, false, false);
        }
    }

    /** Checks the inputs against the panel, writing what it found to {@code summary}. */
    Result check(List<Path> inputs, ReferencePanel panel, PrintWriter summary, RunControl control) {
        summary.printf(
                Locale.ROOT,
                "Checking %d input file(s) against panel %s (%s; chromosomes %s)%n",
                inputs.size(),
                panel.id(),
                panel.build().id(),
                String.join(", ", panel.chromosomeNames()));
        Map<String, Path> fileOfChromosome = new LinkedHashMap<>();
        Map<String, Map<Integer, List<InputMarker>>> markers = new HashMap<>();
        for (Path input : inputs) {
            Optional<String> problem = read(input, fileOfChromosome, markers, summary, control);
            if (problem.isPresent()) {
                return new Result.Rejected(problem.get());
            }
        }
        List<String> inputChromosomes = new ArrayList<>(fileOfChromosome.keySet());
        List<String> misnamed = inputChromosomes.stream()
                .filter(chromosome -> panel.chromosome(chromosome).isEmpty())
                .filter(chromosome -> panel.chromosome(otherNaming(chromosome)).isPresent())
                .toList();
        if (!misnamed.isEmpty()) {
            String example = misnamed.getFirst();
            return new Result.Rejected(String.format(
                    Locale.ROOT,
                    "Your file names chromosome '%s' but panel %s names it '%s' (%s naming). Rename the chromosomes"
                            + " with 'bcftools annotate --rename-chrs names.txt -Oz -o renamed.vcf.gz %s', where"
                            + " names.txt has lines like '%s %s', and submit the renamed file.",
                    example,
                    panel.id(),
                    otherNaming(example),
                    otherNaming(example).startsWith("chr") ? "chr20-style" : "20-style",
                    fileOfChromosome.get(example).getFileName(),
                    example,
                    otherNaming(example)));
        }
        List<String> skipped = inputChromosomes.stream()
                .filter(chromosome -> panel.chromosome(chromosome).isEmpty())
                .toList();
        if (!skipped.isEmpty()) {
            summary.printf(
                    Locale.ROOT,
                    "Skipped, not in panel %s: %s%n",
                    panel.id(),
                    String.join(
                            ", ",
                            skipped.stream()
                                    .map(c -> c + " (" + count(markers.get(c)) + " markers)")
                                    .toList()));
        }
        List<ChromosomeInput> chromosomes = inputChromosomes.stream()
                .filter(chromosome -> panel.chromosome(chromosome).isPresent())
                .sorted(ChromosomeOrder.NATURAL)
                .map(chromosome -> new ChromosomeInput(
                        fileOfChromosome.get(chromosome),
                        panel.chromosome(chromosome).orElseThrow()))
                .toList();
        if (chromosomes.isEmpty()) {
            return new Result.Rejected(String.format(
                    Locale.ROOT,
                    "None of your chromosomes (%s) is in panel %s, which has %s: there is nothing to impute.",
                    String.join(", ", inputChromosomes),
                    panel.id(),
                    String.join(", ", panel.chromosomeNames())));
        }
        List<String> lowOverlap = new ArrayList<>();
        for (ChromosomeInput chromosome : chromosomes) {
            Map<Integer, List<InputMarker>> chromosomeMarkers = markers.get(chromosome.chromosome());
            Optional<Overlap> overlap = chromosome
                    .panel()
                    .sites()
                    .map(sites -> PanelOverlap.count(sites, chromosome.chromosome(), chromosomeMarkers, control));
            if (overlap.isEmpty()) {
                summary.printf(
                        Locale.ROOT,
                        "%s: %d markers; overlap not checked (panel %s has no site list for it)%n",
                        chromosome.chromosome(),
                        count(chromosomeMarkers),
                        panel.id());
            } else {
                summary.printf(Locale.ROOT, "%s: %s%n", chromosome.chromosome(), overlap.get());
                if (overlap.get().share() < minPanelOverlap) {
                    lowOverlap.add(String.format(
                            Locale.ROOT,
                            "%s %.1f%%",
                            chromosome.chromosome(),
                            100 * overlap.get().share()));
                }
            }
        }
        if (!lowOverlap.isEmpty()) {
            return new Result.Rejected(String.format(
                    Locale.ROOT,
                    "Too few of your markers are in panel %s (%s; at least %.0f%% are needed): positions and alleles"
                            + " do not match the panel's. The build is probably wrong: is the file on %s while the"
                            + " panel is %s? Lift it over to %s, or choose a panel on your file's build.",
                    panel.id(),
                    String.join(", ", lowOverlap),
                    100 * minPanelOverlap,
                    panel.build() == GenomeBuild.HG38 ? "hg19" : "hg38",
                    panel.build().id(),
                    panel.build().id()));
        }
        summary.printf(
                Locale.ROOT,
                "Imputing %s%n",
                String.join(
                        ", ",
                        chromosomes.stream().map(ChromosomeInput::chromosome).toList()));
        return new Result.Passed(chromosomes);
    }

    /** Reads one input file, or says why it cannot be imputed. */
    private static Optional<String> read(
            Path input,
            Map<String, Path> fileOfChromosome,
            Map<String, Map<Integer, List<InputMarker>>> markers,
            PrintWriter summary,
            RunControl control) {
        String name = input.getFileName().toString();
        try {
            if (!Files.isRegularFile(input) || Files.size(input) == 0) {
                return Optional.of("The input file '" + name + "' is empty: upload a VCF with your genotypes.");
            }
            if (isBcf(input)) {
                return Optional.of("'" + name + "' is a BCF file, which the node does not read: convert it with"
                        + " 'bcftools view -Oz -o " + name.replaceAll("(?i)\\.bcf$", "") + ".vcf.gz " + name
                        + "' and submit the .vcf.gz file.");
            }
        } catch (IOException e) {
            return Optional.of("The input file '" + name + "' could not be read: " + e.getMessage());
        }
        Map<String, Integer> markersOfFile = new LinkedHashMap<>();
        int samples;
        try (VCFFileReader reader = new VCFFileReader(input, false)) {
            samples = reader.getHeader().getNGenotypeSamples();
            if (samples == 0) {
                return Optional.of("'" + name + "' has no samples: the VCF has no genotype columns after FORMAT."
                        + " Upload a VCF with one genotype (GT) column per sample.");
            }
            String current = null;
            int lastPosition = 0;
            int seen = 0;
            for (VariantContext variant : reader) {
                if (++seen % CANCEL_CHECK_INTERVAL == 0 && control.isCancelled()) {
                    throw new Cancelled();
                }
                String chromosome = variant.getContig();
                if (!chromosome.equals(current)) {
                    if (markersOfFile.containsKey(chromosome)) {
                        return Optional.of(unsorted(name, chromosome + " comes back after " + current));
                    }
                    Path other = fileOfChromosome.putIfAbsent(chromosome, input);
                    if (other != null) {
                        return Optional.of("Chromosome " + chromosome + " is in both '" + other.getFileName()
                                + "' and '" + name + "': give each chromosome in one file only.");
                    }
                    current = chromosome;
                    lastPosition = 0;
                    markersOfFile.put(chromosome, 0);
                } else if (variant.getStart() < lastPosition) {
                    return Optional.of(unsorted(
                            name,
                            chromosome + ":" + variant.getStart() + " comes after " + chromosome + ":" + lastPosition));
                }
                lastPosition = variant.getStart();
                markersOfFile.merge(chromosome, 1, Integer::sum);
                markers.computeIfAbsent(chromosome, c -> new HashMap<>())
                        .computeIfAbsent(variant.getStart(), position -> new ArrayList<>(1))
                        .add(InputMarker.of(variant));
            }
        } catch (Cancelled e) {
            throw e;
        } catch (RuntimeException e) {
            return Optional.of("'" + name + "' is not a VCF file the node can read: " + firstLine(e.getMessage())
                    + ". Upload genotypes as VCF (.vcf, or bgzipped .vcf.gz) with one column per sample.");
        }
        if (markersOfFile.isEmpty()) {
            return Optional.of("'" + name + "' has no variants: the VCF has a header but no marker lines.");
        }
        summary.printf(
                Locale.ROOT,
                "%s: %d samples; markers per chromosome: %s%n",
                name,
                samples,
                String.join(
                        ", ",
                        markersOfFile.entrySet().stream()
                                .map(entry -> entry.getKey() + " " + entry.getValue())
                                .toList()));
        return Optional.empty();
    }

    private static String unsorted(String file, String where) {
        return "'" + file + "' is not sorted by position (" + where + "). Sort it with 'bcftools sort -Oz -o"
                + " sorted.vcf.gz " + file + "' and submit the sorted file.";
    }

    /** {@code 20} for {@code chr20} and the other way round. */
    private static String otherNaming(String chromosome) {
        return chromosome.startsWith("chr") ? chromosome.substring(3) : "chr" + chromosome;
    }

    private static int count(Map<Integer, List<InputMarker>> markers) {
        return markers.values().stream().mapToInt(List::size).sum();
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "htsjdk could not parse it";
        }
        String line = message.lines().findFirst().orElse(message).strip();
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    /** BCF starts with the bytes {@code BCF}, inside BGZF when bcftools wrote it. */
    private static boolean isBcf(Path input) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(input))) {
            raw.mark(4);
            boolean gzipped = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            try (InputStream content = gzipped ? new GZIPInputStream(raw) : raw) {
                byte[] magic = content.readNBytes(3);
                return new String(magic, StandardCharsets.US_ASCII).equals("BCF");
            } catch (IOException e) {
                return false;
            }
        }
    }

    /** An input marker's alleles, to find it in the panel's site list. */
    record InputMarker(String reference, List<String> alternates) {

        static InputMarker of(VariantContext variant) {
            return new InputMarker(
                    variant.getReference().getBaseString(),
                    variant.getAlternateAlleles().stream()
                            .map(Allele::getDisplayString)
                            .toList());
        }

        /** Whether the panel's site has these alleles, in this order or with REF and ALT swapped. */
        Match match(String panelReference, String panelAlternate) {
            if (reference.equals(panelReference) && alternates.contains(panelAlternate)) {
                return Match.SAME;
            }
            if (reference.equals(panelAlternate) && alternates.contains(panelReference)) {
                return Match.SWAPPED;
            }
            return Match.OTHER_ALLELES;
        }
    }

    /** How an input marker matches a panel site at its position. */
    enum Match {
        SAME,
        SWAPPED,
        OTHER_ALLELES
    }

    /**
     * How a chromosome's input markers meet the panel's sites.
     *
     * @param markers the input markers on the chromosome
     * @param same those at a panel site with the same REF and ALT
     * @param swapped those at a panel site with REF and ALT swapped
     * @param otherAlleles those at a panel site position with other alleles
     */
    record Overlap(int markers, int same, int swapped, int otherAlleles) {

        double share() {
            return markers == 0 ? 0 : (same + swapped) / (double) markers;
        }

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "%d markers, %d in the panel (%d same REF/ALT, %d REF/ALT swapped), %d at a panel position with"
                            + " other alleles, %d not in the panel: %.1f%% overlap",
                    markers,
                    same + swapped,
                    same,
                    swapped,
                    otherAlleles,
                    markers - same - swapped - otherAlleles,
                    100 * share());
        }
    }
}
