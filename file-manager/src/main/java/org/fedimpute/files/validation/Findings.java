package org.fedimpute.files.validation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Collects findings during a scan, listing the first few examples of each code and only counting the rest, so that a
 * file with a million bad lines gives a short report and a true total.
 */
final class Findings {

    private final int examplesPerCode;
    private final List<Finding> listed = new ArrayList<>();
    private final Map<FindingCode, Long> totals = new EnumMap<>(FindingCode.class);

    Findings(int examplesPerCode) {
        this.examplesPerCode = examplesPerCode;
    }

    /**
     * Counts one finding of {@code code} and answers whether it should be listed; callers build the message only then.
     */
    boolean count(FindingCode code) {
        return totals.merge(code, 1L, Long::sum) <= examplesPerCode;
    }

    /** Counts and lists a finding (within the limit per code). */
    void add(FindingCode code, String message, Long line, String fix) {
        if (count(code)) {
            listed.add(Finding.of(code, message, line, fix));
        }
    }

    /** Lists a finding already counted with {@link #count}. */
    void list(FindingCode code, String message, Long line, String fix) {
        listed.add(Finding.of(code, message, line, fix));
    }

    List<Finding> listed() {
        return ValidationReport.bySeverity(listed);
    }

    Map<FindingCode, Long> totals() {
        return Collections.unmodifiableMap(new EnumMap<>(totals));
    }
}
