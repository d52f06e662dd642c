package org.fedimpute.notifications.messaging;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a researcher can try after a failed job, read from the failure's reason: the common input problems
 * researchers report (chromosome naming, build, strand, sorting and compression, sample counts) each have a fix.
 */
final class FailureAdvice {

    private static final Map<String, String> BY_KEYWORD = Map.of(
            "chr",
            "Check chromosome names: hg19 panels expect '20', hg38 panels expect 'chr20'.",
            "build",
            "Check that your input and the reference panel use the same genome build (hg19 or hg38).",
            "strand",
            "Align your variants to the reference strand (for example with a strand-check tool) and submit again.",
            "sort",
            "Sort the VCF by position and compress it with bgzip before uploading.",
            "bgzip",
            "Sort the VCF by position and compress it with bgzip before uploading.",
            "sample",
            "Check the number of samples: the server needs enough samples for phasing.",
            "timeout",
            "The server took too long; submitting again later, or to another service, often helps.");

    private static final String GENERAL =
            "Check the job's details on the platform, fix the input if the reason names a problem, and submit again.";

    private FailureAdvice() {}

    /** The reason's first line is the reason; further non-blank lines are validation findings. */
    static List<String> findings(String reason) {
        if (reason == null) {
            return List.of();
        }
        List<String> lines = Arrays.stream(reason.split("\\R"))
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .toList();
        return lines.size() <= 1 ? List.of() : lines.subList(1, lines.size());
    }

    static String headline(String reason) {
        if (reason == null || reason.isBlank()) {
            return "No reason was given.";
        }
        return reason.strip().split("\\R", 2)[0];
    }

    static List<String> forReason(String reason) {
        String lower = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
        List<String> advice = new ArrayList<>();
        BY_KEYWORD.entrySet().stream()
                .filter(entry -> lower.contains(entry.getKey()))
                .map(Map.Entry::getValue)
                .distinct()
                .sorted()
                .forEach(advice::add);
        advice.add(GENERAL);
        return advice;
    }
}
