package org.fedimpute.node.pipeline;

import htsjdk.samtools.util.BlockCompressedInputStream;
import htsjdk.samtools.util.BlockCompressedOutputStream;
import htsjdk.tribble.SimpleFeature;
import htsjdk.tribble.index.tabix.TabixFormat;
import htsjdk.tribble.index.tabix.TabixIndexCreator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * The {@code write outputs} step for one chromosome: the engine's imputed VCF as {@code <chrom>.dose.vcf.gz} (moved,
 * not rewritten, unless an R² filter asks for it), its tabix index and the per-variant info file, all made in one
 * pass over the VCF's text so that the node adds little time to the engine's own.
 */
final class ImputedOutputs {

    static final String INFO_HEADER = "SNP\tREF\tALT\tALT_Frq\tMAF\tRsq\tGenotyped";

    private ImputedOutputs() {}

    /**
     * The files written for one chromosome.
     *
     * @param vcf the bgzipped imputed VCF
     * @param index its tabix index
     * @param info the bgzipped per-variant info
     * @param variants how many variants the VCF holds
     * @param filtered how many imputed variants the R² filter left out
     */
    record Written(Path vcf, Path index, Path info, int variants, int filtered) {}

    /**
     * Writes a chromosome's outputs into {@code outputDirectory} from the engine's VCF, which is moved away.
     *
     * @param r2Filter imputed variants with a lower dosage R² are left out; 0 keeps all (and the VCF is not rewritten)
     */
    static Written write(String chromosome, Path engineVcf, Path outputDirectory, double r2Filter) throws IOException {
        Files.createDirectories(outputDirectory);
        Path vcf = outputDirectory.resolve(chromosome + ".dose.vcf.gz");
        Path index = outputDirectory.resolve(chromosome + ".dose.vcf.gz.tbi");
        Path info = outputDirectory.resolve(chromosome + ".info.gz");
        TabixIndexCreator indexer = new TabixIndexCreator(TabixFormat.VCF);
        int variants = 0;
        int filtered = 0;
        if (r2Filter <= 0) {
            Files.move(engineVcf, vcf, StandardCopyOption.REPLACE_EXISTING);
        }
        try (BlockCompressedInputStream in = new BlockCompressedInputStream(r2Filter <= 0 ? vcf : engineVcf);
                BlockCompressedOutputStream out = r2Filter <= 0 ? null : new BlockCompressedOutputStream(vcf.toFile());
                Writer infoWriter = new BufferedWriter(new OutputStreamWriter(
                        new BlockCompressedOutputStream(info.toFile()), StandardCharsets.US_ASCII))) {
            infoWriter.write(INFO_HEADER + "\n");
            long lineStart = in.getFilePointer();
            for (String line = in.readLine(); line != null; lineStart = in.getFilePointer(), line = in.readLine()) {
                if (line.startsWith("#")) {
                    if (out != null) {
                        if (line.startsWith("#CHROM")) {
                            writeLine(
                                    out,
                                    String.format(
                                            Locale.ROOT,
                                            "##FedImpute=<Description=\"Imputed variants with DR2 below %s left out\">",
                                            r2Filter));
                        }
                        writeLine(out, line);
                    }
                    continue;
                }
                ImputedVariant variant = ImputedVariant.parse(line);
                if (out != null && variant.imputed() && variant.maxRsq() < r2Filter) {
                    filtered++;
                    continue;
                }
                long pointer = out == null ? lineStart : out.getFilePointer();
                if (out != null) {
                    writeLine(out, line);
                }
                indexer.addFeature(variant.span(), pointer);
                variant.writeInfo(infoWriter);
                variants++;
            }
            indexer.finalizeIndex(out == null ? in.getFilePointer() : out.getFilePointer())
                    .write(index);
        }
        if (r2Filter > 0) {
            Files.delete(engineVcf);
        }
        return new Written(vcf, index, info, variants, filtered);
    }

    private static void writeLine(BlockCompressedOutputStream out, String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** The columns of an imputed VCF line the info file and the filter need; genotypes are not parsed. */
    private record ImputedVariant(
            String chromosome,
            int position,
            String reference,
            String[] alternates,
            String[] alleleFrequencies,
            String[] rsq,
            boolean imputed) {

        static ImputedVariant parse(String line) {
            String[] columns = new String[8];
            int start = 0;
            for (int column = 0; column < 8; column++) {
                int end = line.indexOf('\t', start);
                columns[column] = end < 0 ? line.substring(start) : line.substring(start, end);
                start = end + 1;
            }
            String[] alternates = columns[4].split(",");
            String[] alleleFrequencies = new String[alternates.length];
            String[] rsq = new String[alternates.length];
            boolean imputed = false;
            for (String field : columns[7].split(";")) {
                if (field.equals("IMP")) {
                    imputed = true;
                } else if (field.startsWith("AF=")) {
                    alleleFrequencies = field.substring(3).split(",");
                } else if (field.startsWith("DR2=")) {
                    rsq = field.substring(4).split(",");
                }
            }
            return new ImputedVariant(
                    columns[0], Integer.parseInt(columns[1]), columns[3], alternates, alleleFrequencies, rsq, imputed);
        }

        SimpleFeature span() {
            return new SimpleFeature(chromosome, position, position + reference.length() - 1);
        }

        /** The highest dosage R² over the ALT alleles; a variant without one is never filtered out. */
        double maxRsq() {
            double max = Double.NEGATIVE_INFINITY;
            for (String value : rsq) {
                max = Math.max(max, value == null ? Double.POSITIVE_INFINITY : Double.parseDouble(value));
            }
            return max;
        }

        /** One info row per ALT allele. */
        void writeInfo(Writer writer) throws IOException {
            for (int allele = 0; allele < alternates.length; allele++) {
                String frequency = valueAt(alleleFrequencies, allele);
                String minorFrequency = frequency.equals(".")
                        ? "."
                        : String.format(
                                Locale.ROOT,
                                "%.4f",
                                Math.min(Double.parseDouble(frequency), 1 - Double.parseDouble(frequency)));
                writer.write(String.join(
                        "\t",
                        chromosome + ":" + position + ":" + reference + ":" + alternates[allele],
                        reference,
                        alternates[allele],
                        frequency,
                        minorFrequency,
                        valueAt(rsq, allele),
                        imputed ? "Imputed" : "Genotyped"));
                writer.write('\n');
            }
        }

        private static String valueAt(String[] values, int index) {
            return index < values.length && values[index] != null ? values[index] : ".";
        }
    }
}
