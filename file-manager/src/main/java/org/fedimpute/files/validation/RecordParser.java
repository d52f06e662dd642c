package org.fedimpute.files.validation;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.fedimpute.files.validation.VariantTally.SiteKind;

/**
 * Parses and checks VCF data lines straight from their bytes, reading only the fixed columns and each sample's GT,
 * because decoding records with htsjdk builds objects for every genotype and is several times slower; a malformed
 * line is reported with its number and the scan goes on.
 */
final class RecordParser {

    private static final byte TAB = '\t';
    private static final int FIXED_COLUMNS = 8;
    private static final byte[] PASS = "PASS".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] GT = "GT".getBytes(StandardCharsets.US_ASCII);
    private static final boolean[] BASE = new boolean[256];

    static {
        for (char base : "ACGTNacgtn".toCharArray()) {
            BASE[base] = true;
        }
    }

    private final VariantTally tally;
    private final Findings findings;
    private final Fixes fixes;
    private final List<String> samples;
    private final int sampleCount;
    private final int expectedColumns;
    private final int[] sampleMissing;
    /** The samples missing on the line being parsed; counted into {@link #sampleMissing} only if the line is whole. */
    private final int[] missingOnLine;

    private byte[] chromosomeBytes = new byte[0];
    private String chromosome;
    private byte[] formatBytes = new byte[0];
    private int gtIndex = -1;
    private int lineStart;

    RecordParser(VariantTally tally, HeaderFacts header, Findings findings, Fixes fixes) {
        this.tally = tally;
        this.findings = findings;
        this.fixes = fixes;
        this.samples = header.samples();
        this.sampleCount = samples.size();
        this.expectedColumns =
                sampleCount > 0 || header.hasFormatColumn() ? FIXED_COLUMNS + 1 + sampleCount : FIXED_COLUMNS;
        this.sampleMissing = tally.sampleMissing();
        this.missingOnLine = new int[sampleCount];
    }

    /** Parses the data line {@code b[start, end)}, the file's line number {@code line}. */
    void parse(byte[] b, int start, int end, long line) {
        if (start == end) {
            return;
        }
        lineStart = start;
        if (b[start] == '#') {
            malformed(line, "a header line among the records (were two files joined with cat?)");
            return;
        }
        int chromosomeEnd = indexOfTab(b, start, end);
        if (chromosomeEnd <= start) {
            malformedColumns(b, start, end, line);
            return;
        }
        String chrom = chromosome(b, start, chromosomeEnd);

        int positionStart = chromosomeEnd + 1;
        int positionEnd = indexOfTab(b, positionStart, end);
        if (positionEnd < 0) {
            malformedColumns(b, start, end, line);
            return;
        }
        long position = position(b, positionStart, positionEnd);
        if (position < 1) {
            malformed(
                    line,
                    "POS '" + text(b, positionStart, positionEnd) + "' is not a position (a whole number from 1)");
            return;
        }

        int idEnd = indexOfTab(b, positionEnd + 1, end);
        int refStart = idEnd + 1;
        int refEnd = idEnd < 0 ? -1 : indexOfTab(b, refStart, end);
        int altStart = refEnd + 1;
        int altEnd = refEnd < 0 ? -1 : indexOfTab(b, altStart, end);
        int qualEnd = altEnd < 0 ? -1 : indexOfTab(b, altEnd + 1, end);
        int filterStart = qualEnd + 1;
        int filterEnd = qualEnd < 0 ? -1 : indexOfTab(b, filterStart, end);
        if (filterEnd < 0) {
            malformedColumns(b, start, end, line);
            return;
        }
        int infoEnd = indexOfTab(b, filterEnd + 1, end);
        if ((infoEnd < 0) != (expectedColumns == FIXED_COLUMNS)) {
            malformedColumns(b, start, end, line);
            return;
        }

        if (refEnd == refStart) {
            malformed(line, "REF is empty");
            return;
        }
        boolean invalid = false;
        for (int i = refStart; i < refEnd; i++) {
            invalid |= !BASE[b[i] & 0xFF];
        }
        int altAlleles = 0;
        boolean structural = false;
        boolean indel = false;
        boolean longAllele = refEnd - refStart > 1;
        if (!(altEnd - altStart == 1 && b[altStart] == '.')) {
            int alleleStart = altStart;
            while (alleleStart <= altEnd) {
                int alleleEnd = alleleStart;
                while (alleleEnd < altEnd && b[alleleEnd] != ',') {
                    alleleEnd++;
                }
                if (alleleEnd == alleleStart) {
                    malformed(line, "ALT '" + text(b, altStart, altEnd) + "' has an empty allele");
                    return;
                }
                altAlleles++;
                if (symbolic(b, alleleStart, alleleEnd)) {
                    structural = true;
                } else {
                    for (int i = alleleStart; i < alleleEnd; i++) {
                        invalid |= !BASE[b[i] & 0xFF];
                    }
                    if (Arrays.equals(b, alleleStart, alleleEnd, b, refStart, refEnd)) {
                        malformed(line, "ALT allele '" + text(b, alleleStart, alleleEnd) + "' is the same as REF");
                        return;
                    }
                    indel |= alleleEnd - alleleStart != refEnd - refStart;
                    longAllele |= alleleEnd - alleleStart > 1;
                }
                alleleStart = alleleEnd + 1;
            }
        }
        SiteKind kind =
                structural ? SiteKind.STRUCTURAL : indel ? SiteKind.INDEL : longAllele ? SiteKind.OTHER : SiteKind.SNP;
        boolean filtered = !(filterEnd - filterStart == 1 && b[filterStart] == '.')
                && !Arrays.equals(b, filterStart, filterEnd, PASS, 0, PASS.length);
        tally.site(line, chrom, position, kind, altAlleles, invalid, filtered, b, refStart, altEnd);

        if (infoEnd < 0) {
            return;
        }
        int formatStart = infoEnd + 1;
        int formatEnd = indexOfTab(b, formatStart, end);
        if (formatEnd < 0) {
            if (sampleCount > 0) {
                malformedColumns(b, start, end, line);
            }
            return;
        }
        if (!Arrays.equals(b, formatStart, formatEnd, formatBytes, 0, formatBytes.length)) {
            formatBytes = Arrays.copyOfRange(b, formatStart, formatEnd);
            gtIndex = gtIndex(formatBytes);
        }
        if (gtIndex < 0) {
            tally.withoutGenotypes(line, text(b, formatStart, formatEnd));
            return;
        }
        genotypes(b, formatEnd + 1, end, line, altAlleles);
    }

    /**
     * Parses the GT subfield of every sample column starting at {@code p}; a column that is just a diploid genotype
     * of one-digit alleles, by far the most common, takes a short path.
     */
    private void genotypes(byte[] b, int p, int end, long line, int altAlleles) {
        int[] missingPerSample = sampleMissing;
        int[] missingSamples = missingOnLine;
        int missing = 0;
        long called = 0;
        long alt = 0;
        long phased = 0;
        long unphased = 0;
        int sample = 0;
        while (true) {
            if (sample == sampleCount) {
                malformedColumns(b, lineStart, end, line);
                return;
            }
            if (gtIndex == 0 && p + 3 <= end && (p + 3 == end || b[p + 3] == TAB)) {
                int first = b[p] - '0';
                int second = b[p + 2] - '0';
                byte separator = b[p + 1];
                if (first >= 0
                        && first <= altAlleles
                        && second >= 0
                        && second <= altAlleles
                        && (separator == '|' || separator == '/')) {
                    called += 2;
                    alt += (first == 0 ? 0 : 1) + (second == 0 ? 0 : 1);
                    if (separator == '|') {
                        phased++;
                    } else {
                        unphased++;
                    }
                    sample++;
                    p += 4;
                    if (p > end) {
                        break;
                    }
                    continue;
                }
            }
            int fieldStart = p;
            for (int skip = 0; skip < gtIndex && p < end && b[p] != TAB; skip++) {
                while (p < end && b[p] != ':' && b[p] != TAB) {
                    p++;
                }
                if (p < end && b[p] == ':') {
                    p++;
                }
            }
            int ploidy = 0;
            int calledAlleles = 0;
            int altCopies = 0;
            boolean anyUnphased = false;
            boolean valid = true;
            while (true) {
                byte c = p < end ? b[p] : TAB;
                if (c == '.') {
                    p++;
                } else if (c >= '0' && c <= '9') {
                    int allele = 0;
                    while (p < end && b[p] >= '0' && b[p] <= '9' && allele <= altAlleles) {
                        allele = allele * 10 + (b[p] - '0');
                        p++;
                    }
                    if (allele > altAlleles) {
                        badAllele(b, fieldStart, end, line, sample, altAlleles);
                        return;
                    }
                    calledAlleles++;
                    if (allele > 0) {
                        altCopies++;
                    }
                } else {
                    valid = ploidy == 0 && gtIndex > 0 && (c == TAB || c == ':');
                    break;
                }
                ploidy++;
                c = p < end ? b[p] : TAB;
                if (c == '|') {
                    p++;
                } else if (c == '/') {
                    anyUnphased = true;
                    p++;
                } else {
                    valid = c == TAB || c == ':';
                    break;
                }
            }
            if (!valid) {
                badGenotype(b, fieldStart, end, line, sample);
                return;
            }
            if (calledAlleles < ploidy || ploidy == 0) {
                missingSamples[missing++] = sample;
            } else if (ploidy > 1) {
                if (anyUnphased) {
                    unphased++;
                } else {
                    phased++;
                }
            }
            called += calledAlleles;
            alt += altCopies;
            while (p < end && b[p] != TAB) {
                p++;
            }
            sample++;
            if (p >= end) {
                break;
            }
            p++;
        }
        if (sample != sampleCount) {
            malformedColumns(b, lineStart, end, line);
            return;
        }
        for (int i = 0; i < missing; i++) {
            missingPerSample[missingSamples[i]]++;
        }
        tally.genotypes(line, missing, called, alt, phased, unphased);
    }

    private String chromosome(byte[] b, int start, int end) {
        if (!Arrays.equals(b, start, end, chromosomeBytes, 0, chromosomeBytes.length)) {
            chromosomeBytes = Arrays.copyOfRange(b, start, end);
            chromosome = new String(chromosomeBytes, StandardCharsets.UTF_8);
        }
        return chromosome;
    }

    private static long position(byte[] b, int start, int end) {
        if (start == end || end - start > 10) {
            return -1;
        }
        long position = 0;
        for (int i = start; i < end; i++) {
            int digit = b[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            position = position * 10 + digit;
        }
        return position <= Integer.MAX_VALUE ? position : -1;
    }

    private static boolean symbolic(byte[] b, int start, int end) {
        if (b[start] == '<' || (end - start == 1 && b[start] == '*')) {
            return true;
        }
        for (int i = start; i < end; i++) {
            if (b[i] == '[' || b[i] == ']') {
                return true;
            }
        }
        return end - start > 1 && (b[start] == '.' || b[end - 1] == '.');
    }

    private static int gtIndex(byte[] format) {
        int key = 0;
        int keyStart = 0;
        for (int i = 0; i <= format.length; i++) {
            if (i == format.length || format[i] == ':') {
                if (Arrays.equals(format, keyStart, i, GT, 0, GT.length)) {
                    return key;
                }
                key++;
                keyStart = i + 1;
            }
        }
        return -1;
    }

    private static int indexOfTab(byte[] b, int from, int end) {
        for (int i = from; i < end; i++) {
            if (b[i] == TAB) {
                return i;
            }
        }
        return -1;
    }

    private void badAllele(byte[] b, int fieldStart, int end, long line, int sample, int altAlleles) {
        malformed(
                line,
                String.format(
                        Locale.ROOT,
                        "sample %s has genotype '%s' but the site has %d ALT allele(s)",
                        samples.get(sample),
                        field(b, fieldStart, end),
                        altAlleles));
    }

    private void badGenotype(byte[] b, int fieldStart, int end, long line, int sample) {
        malformed(
                line,
                "sample " + samples.get(sample) + " has genotype '" + field(b, fieldStart, end)
                        + "', which is not a VCF genotype (such as 0/1, 1|0 or ./.)");
    }

    private void malformedColumns(byte[] b, int start, int end, long line) {
        if (findings.count(FindingCode.MALFORMED_LINE)) {
            int columns = 1;
            for (int i = start; i < end; i++) {
                if (b[i] == TAB) {
                    columns++;
                }
            }
            findings.list(
                    FindingCode.MALFORMED_LINE,
                    "Line " + line + " is not a valid record: it has " + columns
                            + " tab-separated column(s) where the header's #CHROM line has " + expectedColumns + ".",
                    line,
                    fixes.malformedLine());
        }
    }

    private void malformed(long line, String problem) {
        if (findings.count(FindingCode.MALFORMED_LINE)) {
            findings.list(
                    FindingCode.MALFORMED_LINE,
                    "Line " + line + " is not a valid record: " + problem + ".",
                    line,
                    fixes.malformedLine());
        }
    }

    private static String field(byte[] b, int start, int end) {
        int fieldEnd = start;
        while (fieldEnd < end && b[fieldEnd] != TAB && fieldEnd - start < 40) {
            fieldEnd++;
        }
        return text(b, start, fieldEnd);
    }

    private static String text(byte[] b, int start, int end) {
        String text = new String(b, start, Math.min(end - start, 60), StandardCharsets.UTF_8);
        return text.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
