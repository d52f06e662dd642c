package org.fedimpute.files.validation;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.fedimpute.files.validation.ValidationReport.BuildDetection;
import org.fedimpute.files.validation.ValidationReport.ChromosomeNaming;
import org.fedimpute.files.validation.ValidationReport.ChromosomeSummary;
import org.fedimpute.files.validation.ValidationReport.Confidence;

/**
 * The findings that depend on the declared build (a mismatch with the detected build, chromosome names against the
 * build's convention), kept apart so that a report can be re-checked against a build declared only at submission.
 */
final class BuildChecks {

    static final Set<FindingCode> CODES =
            EnumSet.of(FindingCode.BUILD_MISMATCH, FindingCode.POSSIBLE_BUILD_MISMATCH, FindingCode.CHROMOSOME_NAMING);

    private BuildChecks() {}

    static List<Finding> findings(
            BuildDetection build, ChromosomeNaming naming, List<ChromosomeSummary> chromosomes, Fixes fixes) {
        List<Finding> findings = new ArrayList<>();
        if (naming == null) {
            return findings;
        }
        if (naming == ChromosomeNaming.MIXED) {
            findings.add(Finding.of(
                    FindingCode.CHROMOSOME_NAMING,
                    "Some chromosomes are named with 'chr' and some without: "
                            + String.join(", ", names(chromosomes, 10)) + ".",
                    null,
                    fixes.mixedNaming()));
        }
        GenomeBuild declared = build.declared();
        GenomeBuild detected = build.detected();
        boolean mismatch = declared != null && detected != null && detected != declared;
        if (mismatch && build.confidence() == Confidence.HIGH) {
            findings.add(Finding.of(
                    FindingCode.BUILD_MISMATCH,
                    "You declared " + declared.id() + " (" + declared.assembly() + ") but the data is on "
                            + detected.id() + " (" + detected.assembly() + "): " + String.join("; ", build.evidence())
                            + ".",
                    null,
                    fixes.liftOver(detected, declared)));
            return findings;
        }
        if (mismatch && build.confidence() == Confidence.MEDIUM) {
            findings.add(Finding.of(
                    FindingCode.POSSIBLE_BUILD_MISMATCH,
                    "You declared " + declared.id() + " but the file looks like " + detected.id() + ": "
                            + String.join("; ", build.evidence()) + ".",
                    null,
                    fixes.liftOver(detected, declared)));
        }
        GenomeBuild expected = declared != null
                ? declared
                : build.confidence() == Confidence.HIGH || build.confidence() == Confidence.MEDIUM ? detected : null;
        String example = chromosomes.getFirst().name();
        if (expected == GenomeBuild.HG19 && naming == ChromosomeNaming.PREFIXED) {
            findings.add(Finding.of(
                    FindingCode.CHROMOSOME_NAMING,
                    "Chromosome '" + example + "' is named with 'chr', but hg19 imputation servers expect '"
                            + example.substring(3) + "'.",
                    null,
                    fixes.removeChrPrefix()));
        } else if (expected == GenomeBuild.HG38 && naming == ChromosomeNaming.NUMERIC) {
            findings.add(Finding.of(
                    FindingCode.CHROMOSOME_NAMING,
                    "Chromosome '" + example + "' is named without 'chr', but hg38 imputation servers expect 'chr"
                            + example + "'.",
                    null,
                    fixes.addChrPrefix()));
        }
        return findings;
    }

    private static List<String> names(List<ChromosomeSummary> chromosomes, int limit) {
        return chromosomes.stream().map(ChromosomeSummary::name).limit(limit).toList();
    }
}
