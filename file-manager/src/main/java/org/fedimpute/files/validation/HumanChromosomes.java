package org.fedimpute.files.validation;

import java.util.Locale;
import java.util.Map;

/**
 * Names and lengths of the human chromosomes in GRCh37 and GRCh38 (from the assemblies' sequence reports), the
 * ground truth that build detection compares contig lengths and positions with.
 */
final class HumanChromosomes {

    private static final String[] NAMES = {
        "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20",
        "21", "22", "X", "Y"
    };
    private static final long[] GRCH37 = {
        249_250_621, 243_199_373, 198_022_430, 191_154_276, 180_915_260, 171_115_067, 159_138_663, 146_364_022,
        141_213_431, 135_534_747, 135_006_516, 133_851_895, 115_169_878, 107_349_540, 102_531_392, 90_354_753,
        81_195_210, 78_077_248, 59_128_983, 63_025_520, 48_129_895, 51_304_566, 155_270_560, 59_373_566
    };
    private static final long[] GRCH38 = {
        248_956_422, 242_193_529, 198_295_559, 190_214_555, 181_538_259, 170_805_979, 159_345_973, 145_138_636,
        138_394_717, 133_797_422, 135_086_622, 133_275_309, 114_364_328, 107_043_718, 101_991_189, 90_338_345,
        83_257_441, 80_373_285, 58_617_616, 64_444_167, 46_709_983, 50_818_468, 156_040_895, 57_227_415
    };
    private static final Map<String, Integer> INDEX = indexByName();

    private HumanChromosomes() {}

    /**
     * {@code 1}-{@code 22}, {@code X}, {@code Y} or {@code MT} for a chromosome named with or without {@code chr},
     * or {@code null} for any other name (including PLINK's numbers 23-26 and unplaced contigs).
     */
    static String canonical(String name) {
        String bare = name.regionMatches(true, 0, "chr", 0, 3) ? name.substring(3) : name;
        String upper = bare.toUpperCase(Locale.ROOT);
        if (upper.equals("M") || upper.equals("MT")) {
            return "MT";
        }
        return INDEX.containsKey(upper) ? upper : null;
    }

    /** Whether imputation servers impute this chromosome: the autosomes and X. */
    static boolean imputable(String name) {
        String canonical = canonical(name);
        return canonical != null && !canonical.equals("Y") && !canonical.equals("MT");
    }

    /** The length of a canonical chromosome (see {@link #canonical}) in a build, or 0 if unknown (MT). */
    static long length(GenomeBuild build, String canonical) {
        Integer index = canonical == null ? null : INDEX.get(canonical);
        if (index == null) {
            return 0;
        }
        return build == GenomeBuild.HG19 ? GRCH37[index] : GRCH38[index];
    }

    private static Map<String, Integer> indexByName() {
        Map<String, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < NAMES.length; i++) {
            index.put(NAMES[i], i);
        }
        return Map.copyOf(index);
    }
}
