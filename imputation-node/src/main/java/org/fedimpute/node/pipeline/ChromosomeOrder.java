package org.fedimpute.node.pipeline;

import java.util.Comparator;

/** Orders chromosomes as researchers expect (1, 2, ..., 22, X, Y, MT), whether named {@code 20} or {@code chr20}. */
final class ChromosomeOrder {

    static final Comparator<String> NATURAL =
            Comparator.comparingInt(ChromosomeOrder::rank).thenComparing(Comparator.naturalOrder());

    private ChromosomeOrder() {}

    private static int rank(String chromosome) {
        String bare = chromosome.startsWith("chr") ? chromosome.substring(3) : chromosome;
        if (bare.matches("[0-9]{1,2}")) {
            return Integer.parseInt(bare);
        }
        return switch (bare) {
            case "X" -> 100;
            case "Y" -> 101;
            case "M", "MT" -> 102;
            default -> 103;
        };
    }
}
