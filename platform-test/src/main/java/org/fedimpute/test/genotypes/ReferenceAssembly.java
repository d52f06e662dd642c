package org.fedimpute.test.genotypes;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The human genome builds a simulation can claim, so that contig lines carry each chromosome's true length. */
enum ReferenceAssembly {
    GRCH37(
            "GRCh37",
            "249250621 243199373 198022430 191154276 180915260 171115067 159138663 146364022 141213431 135534747"
                    + " 135006516 133851895 115169878 107349540 102531392 90354753 81195210 78077248 59128983"
                    + " 63025520 48129895 51304566 155270560 59373566"),
    GRCH38(
            "GRCh38",
            "248956422 242193529 198295559 190214555 181538259 170805979 159345973 145138636 138394717 133797422"
                    + " 135086622 133275309 114364328 107043718 101991189 90338345 83257441 80373285 58617616"
                    + " 64444167 46709983 50818468 156040895 57227415");

    private static final int AUTOSOMES = 22;

    private final String displayName;
    private final int[] lengths;

    /** @param lengths bp lengths of chromosomes 1 to 22, X and Y, space separated */
    ReferenceAssembly(String displayName, String lengths) {
        this.displayName = displayName;
        this.lengths =
                Arrays.stream(lengths.split(" ")).mapToInt(Integer::parseInt).toArray();
    }

    static ReferenceAssembly named(String genomeBuild) {
        for (ReferenceAssembly assembly : values()) {
            if (assembly.displayName.equals(genomeBuild)) {
                return assembly;
            }
        }
        throw new IllegalArgumentException("genomeBuild must be one of "
                + Arrays.stream(values()).map(ReferenceAssembly::displayName).collect(Collectors.joining(", "))
                + " but was '" + genomeBuild + "'");
    }

    String displayName() {
        return displayName;
    }

    /** Length in bp of a chromosome named "1".."22", "X" or "Y", optionally prefixed by "chr". */
    int chromosomeLength(String chromosome) {
        String bare = chromosome.startsWith("chr") ? chromosome.substring(3) : chromosome;
        if (bare.equals("X")) {
            return lengths[AUTOSOMES];
        }
        if (bare.equals("Y")) {
            return lengths[AUTOSOMES + 1];
        }
        if (bare.matches("[1-9][0-9]?") && Integer.parseInt(bare) <= AUTOSOMES) {
            return lengths[Integer.parseInt(bare) - 1];
        }
        throw new IllegalArgumentException(
                "chromosome must be 1-22, X or Y, optionally prefixed by 'chr', but was '" + chromosome + "'");
    }
}
