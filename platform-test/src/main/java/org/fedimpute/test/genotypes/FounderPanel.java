package org.fedimpute.test.genotypes;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws the founder haplotypes from local coalescent genealogies, so that nearby sites share or nest their carrier sets
 * (linkage disequilibrium) and ALT allele frequencies are U-shaped as in real panels.
 */
final class FounderPanel {

    private FounderPanel() {}

    /**
     * Founder alleles at every site. Each site is one mutation dropped on the current local genealogy (a Kingman
     * coalescent of the founders) with probability proportional to branch length; the founders below that branch
     * carry the derived allele, which is ALT or REF with equal probability, so ALT frequencies follow the neutral
     * spectrum {@code 1/i} mirrored onto itself: U-shaped, and every site polymorphic among the founders. The
     * genealogy is redrawn between consecutive sites with probability {@code genealogyChangeRate}.
     */
    static HaplotypeMatrix simulate(int founders, int sites, double genealogyChangeRate, SplittableRandom random) {
        HaplotypeMatrix panel = new HaplotypeMatrix(founders, sites);
        LocalGenealogy genealogy = LocalGenealogy.random(founders, random);
        for (int site = 0; site < sites; site++) {
            if (site > 0 && random.nextDouble() < genealogyChangeRate) {
                genealogy = LocalGenealogy.random(founders, random);
            }
            BitSet derived = genealogy.mutatedBranch(random);
            boolean altIsDerived = random.nextBoolean();
            for (int founder = 0; founder < founders; founder++) {
                if (derived.get(founder) == altIsDerived) {
                    panel.setAlt(founder, site);
                }
            }
        }
        return panel;
    }

    /** The branches of one coalescent tree: who descends from each, and cumulative branch lengths to sample by. */
    private record LocalGenealogy(List<BitSet> descendants, double[] cumulativeLength) {

        static LocalGenealogy random(int founders, SplittableRandom random) {
            List<BitSet> lineages = new ArrayList<>(founders);
            List<Double> lineageStarts = new ArrayList<>(founders);
            for (int founder = 0; founder < founders; founder++) {
                BitSet leaf = new BitSet(founders);
                leaf.set(founder);
                lineages.add(leaf);
                lineageStarts.add(0.0);
            }
            List<BitSet> descendants = new ArrayList<>(2 * founders - 2);
            double[] cumulativeLength = new double[2 * founders - 2];
            double time = 0;
            double totalLength = 0;
            while (lineages.size() > 1) {
                int count = lineages.size();
                time += -Math.log(1 - random.nextDouble()) / (count * (count - 1) / 2.0);
                int first = random.nextInt(count);
                int second = random.nextInt(count - 1);
                if (second >= first) {
                    second++;
                }
                for (int child : new int[] {first, second}) {
                    totalLength += time - lineageStarts.get(child);
                    cumulativeLength[descendants.size()] = totalLength;
                    descendants.add(lineages.get(child));
                }
                BitSet parent = (BitSet) lineages.get(first).clone();
                parent.or(lineages.get(second));
                lineages.remove(Math.max(first, second));
                lineageStarts.remove(Math.max(first, second));
                lineages.set(Math.min(first, second), parent);
                lineageStarts.set(Math.min(first, second), time);
            }
            return new LocalGenealogy(descendants, cumulativeLength);
        }

        /** The descendants of a branch chosen with probability proportional to its length. */
        BitSet mutatedBranch(SplittableRandom random) {
            double point = random.nextDouble() * cumulativeLength[cumulativeLength.length - 1];
            int low = 0;
            int high = cumulativeLength.length - 1;
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (cumulativeLength[middle] > point) {
                    high = middle;
                } else {
                    low = middle + 1;
                }
            }
            return descendants.get(low);
        }
    }
}
