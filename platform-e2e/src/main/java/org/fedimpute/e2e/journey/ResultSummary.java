package org.fedimpute.e2e.journey;

import htsjdk.variant.vcf.VCFFileReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * What an imputation gave back, as a researcher first looks at it: the files downloaded, and from the imputed
 * genotypes and their info file the samples, the variants and the mean imputation quality (R²).
 *
 * @param files each downloaded result by its file name
 * @param dosages the imputed genotypes ({@code *.dose.vcf.gz})
 * @param samples samples in the imputed genotypes
 * @param variants variants in the imputed genotypes
 * @param meanRsq the mean of the info file's {@code Rsq} column over its variants
 */
public record ResultSummary(Map<String, Path> files, Path dosages, int samples, long variants, double meanRsq) {

    /** Reads the summary from the downloaded results, which must hold a dosage VCF and its info file. */
    static ResultSummary of(Map<String, Path> files) {
        Path dosages = only(files, ".dose.vcf.gz");
        Path info = only(files, ".info.gz");
        int samples;
        long variants;
        try (VCFFileReader reader = new VCFFileReader(dosages, false)) {
            samples = reader.getFileHeader().getNGenotypeSamples();
            variants = reader.iterator().stream().count();
        }
        return new ResultSummary(Map.copyOf(files), dosages, samples, variants, meanRsq(info));
    }

    private static Path only(Map<String, Path> files, String suffix) {
        List<Path> matching = files.entrySet().stream()
                .filter(file -> file.getKey().endsWith(suffix))
                .map(Map.Entry::getValue)
                .toList();
        if (matching.size() != 1) {
            throw new JourneyFailure("expected one *" + suffix + " among the results, got " + files.keySet());
        }
        return matching.getFirst();
    }

    private static double meanRsq(Path info) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(Files.newInputStream(info)), StandardCharsets.UTF_8))) {
            String header = lines.readLine();
            int column = header == null ? -1 : Arrays.asList(header.split("\t")).indexOf("Rsq");
            if (column < 0) {
                throw new JourneyFailure(info.getFileName() + " has no Rsq column: " + header);
            }
            return lines.lines()
                    .map(line -> line.split("\t")[column])
                    .filter(value -> !value.equals("-") && !value.isEmpty())
                    .mapToDouble(Double::parseDouble)
                    .average()
                    .orElseThrow(() -> new JourneyFailure(info.getFileName() + " lists no variant"));
        } catch (IOException e) {
            throw new JourneyFailure("cannot read " + info + ": " + e, e);
        }
    }
}
