package org.fedimpute.node.pipeline;

import htsjdk.samtools.util.CloseableIterator;
import htsjdk.variant.variantcontext.VariantContext;
import htsjdk.variant.vcf.VCFFileReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Map;
import org.fedimpute.node.pipeline.InputCheck.InputMarker;
import org.fedimpute.node.pipeline.InputCheck.Match;
import org.fedimpute.node.pipeline.InputCheck.Overlap;

/**
 * Counts how many of a chromosome's input markers are in the panel's site list, which is how the input check tells a
 * file on the panel's build from one on another build. An indexed site list ({@code .tbi} beside it) is read only over
 * the span the input covers, so a genome-scale panel costs what the input's region holds, not the whole file.
 */
final class PanelOverlap {

    private static final int CANCEL_CHECK_INTERVAL = 10_000;

    private PanelOverlap() {}

    /**
     * Reads the panel's sites on the chromosome, over the input's span where the list is indexed, and matches each
     * input marker to the sites at its position.
     *
     * @param markers the input markers on the chromosome by position
     */
    static Overlap count(Path sites, String chromosome, Map<Integer, List<InputMarker>> markers, RunControl control) {
        Map<InputMarker, Match> best = new IdentityHashMap<>();
        IntSummaryStatistics span =
                markers.keySet().stream().mapToInt(Integer::intValue).summaryStatistics();
        boolean indexed = Files.isRegularFile(Path.of(sites + ".tbi"));
        if (span.getCount() > 0) {
            try (VCFFileReader reader = new VCFFileReader(sites, indexed);
                    CloseableIterator<VariantContext> panelSites =
                            indexed ? reader.query(chromosome, span.getMin(), span.getMax()) : reader.iterator()) {
                match(panelSites, chromosome, markers, best, control);
            }
        }
        int total = markers.values().stream().mapToInt(List::size).sum();
        return new Overlap(
                total,
                (int) best.values().stream().filter(Match.SAME::equals).count(),
                (int) best.values().stream().filter(Match.SWAPPED::equals).count(),
                (int) best.values().stream().filter(Match.OTHER_ALLELES::equals).count());
    }

    private static void match(
            CloseableIterator<VariantContext> panelSites,
            String chromosome,
            Map<Integer, List<InputMarker>> markers,
            Map<InputMarker, Match> best,
            RunControl control) {
        boolean onChromosome = false;
        int seen = 0;
        while (panelSites.hasNext()) {
            VariantContext site = panelSites.next();
            if (++seen % CANCEL_CHECK_INTERVAL == 0 && control.isCancelled()) {
                throw new InputCheck.Cancelled();
            }
            if (!site.getContig().equals(chromosome)) {
                if (onChromosome) {
                    return;
                }
                continue;
            }
            onChromosome = true;
            List<InputMarker> atPosition = markers.get(site.getStart());
            if (atPosition == null) {
                continue;
            }
            String reference = site.getReference().getBaseString();
            for (var alternate : site.getAlternateAlleles()) {
                for (InputMarker marker : atPosition) {
                    Match match = marker.match(reference, alternate.getDisplayString());
                    best.merge(marker, match, (old, now) -> old.compareTo(now) <= 0 ? old : now);
                }
            }
        }
    }
}
