package org.fedimpute.test.genotypes;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Writes the PLINK-format genetic map (chromosome, ".", cM, bp) imputation engines such as Beagle take as map=. */
final class PlinkGeneticMap {

    private PlinkGeneticMap() {}

    static void write(Path map, String chromosome, List<SimulatedSite> sites) throws IOException {
        try (BufferedWriter writer = Files.newBufferedWriter(map, StandardCharsets.US_ASCII)) {
            for (SimulatedSite site : sites) {
                writer.write(String.format(
                        Locale.ROOT, "%s\t.\t%.6f\t%d\n", chromosome, site.centiMorgans(), site.position()));
            }
        }
    }
}
