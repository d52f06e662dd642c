package org.fedimpute.files.validation;

import htsjdk.tribble.TribbleException;
import htsjdk.tribble.readers.LineIterator;
import htsjdk.variant.vcf.VCFCodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a VCF header and has htsjdk's {@link VCFCodec} check it, pinning each problem to its line (htsjdk reports
 * none) by parsing ever shorter prefixes of the header; only a header without a usable {@code #CHROM} line stops the
 * validation.
 */
final class HeaderParser {

    private static final String FILEFORMAT = "##fileformat=";
    private static final String DEFAULT_FILEFORMAT = "##fileformat=VCFv4.2";
    private static final String MINIMAL_CHROM_LINE = "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO";
    private static final int FORMAT_COLUMN = 8;
    private static final long MAX_HEADER_CHARS = 64L << 20;
    private static final Pattern CONTIG_ID = Pattern.compile("[<,]ID=([^,>]+)");
    private static final Pattern CONTIG_LENGTH = Pattern.compile("[<,]length=(\\d{1,18})[,>]");
    private static final Pattern CONTIG_ASSEMBLY = Pattern.compile("[<,]assembly=\"?([^,>\"]+)");

    private final Findings findings;
    private final Fixes fixes;

    HeaderParser(Findings findings, Fixes fixes) {
        this.findings = findings;
        this.fixes = fixes;
    }

    /**
     * Reads the header from the first line up to and including the {@code #CHROM} line.
     *
     * @return the header's facts, or {@code null} when the file cannot be read as VCF (the reason is a finding)
     */
    HeaderFacts read(LineReader lines) throws IOException {
        if (!lines.next()) {
            findings.add(
                    FindingCode.EMPTY_FILE, "The file decompresses to no content at all.", null, fixes.emptyFile());
            return null;
        }
        List<String> meta = new ArrayList<>();
        String first = lines.text();
        long firstMetaLine = 1;
        if (first.regionMatches(true, 0, FILEFORMAT, 0, FILEFORMAT.length())) {
            meta.add(first);
        } else if (first.startsWith("#CHROM")) {
            findings.add(
                    FindingCode.MALFORMED_HEADER,
                    "The header has no '##fileformat=VCFv4.x' line; it must be the first line.",
                    1L,
                    fixes.addFileformatLine());
            meta.add(DEFAULT_FILEFORMAT);
            firstMetaLine = 0;
            return facts(meta, firstMetaLine, first, 1);
        } else {
            findings.add(
                    FindingCode.NOT_A_VCF,
                    "This is not a VCF file: it starts with '" + preview(first)
                            + "' where a VCF starts with '##fileformat=VCFv4.x'.",
                    1L,
                    fixes.convertToVcf());
            return null;
        }
        long headerChars = first.length();
        while (lines.next()) {
            byte[] buffer = lines.buffer();
            int start = lines.start();
            boolean hash = lines.end() > start && buffer[start] == '#';
            if (hash && lines.end() - start > 1 && buffer[start + 1] == '#') {
                String line = lines.text();
                headerChars += line.length();
                if (headerChars > MAX_HEADER_CHARS) {
                    findings.add(
                            FindingCode.MALFORMED_HEADER,
                            "The header is larger than " + (MAX_HEADER_CHARS >> 20) + " MiB.",
                            lines.number(),
                            fixes.header());
                    return null;
                }
                meta.add(line);
            } else if (hash) {
                return facts(meta, firstMetaLine, lines.text(), lines.number());
            } else {
                findings.add(
                        FindingCode.MALFORMED_HEADER,
                        "The header has no '#CHROM' line: line " + lines.number() + " is already a record.",
                        lines.number(),
                        fixes.header());
                return null;
            }
        }
        findings.add(
                FindingCode.MALFORMED_HEADER,
                "The file ends before the header's '#CHROM' line.",
                lines.number(),
                fixes.header());
        return null;
    }

    private HeaderFacts facts(List<String> meta, long firstMetaLine, String chromLine, long chromLineNumber) {
        String versionError = problem(List.of(meta.getFirst(), MINIMAL_CHROM_LINE));
        if (versionError != null) {
            findings.add(
                    FindingCode.MALFORMED_HEADER,
                    "The first line '" + preview(meta.getFirst()) + "' is not usable: " + versionError,
                    1L,
                    fixes.header());
            return null;
        }
        String chromError = problem(List.of(meta.getFirst(), chromLine));
        if (chromError != null) {
            findings.add(
                    FindingCode.MALFORMED_HEADER,
                    "The '#CHROM' line is not usable (columns must be separated by tabs): " + chromError,
                    chromLineNumber,
                    fixes.header());
            return null;
        }
        List<String> all = new ArrayList<>(meta);
        all.add(chromLine);
        String error = problem(all);
        if (error != null) {
            int bad = firstFailingMetaLine(meta, chromLine);
            findings.add(
                    FindingCode.MALFORMED_HEADER,
                    "Header line '" + preview(meta.get(bad)) + "' is not valid: " + error,
                    bad + firstMetaLine,
                    fixes.header());
        }
        String[] columns = chromLine.split("\t", -1);
        List<String> samples = columns.length > FORMAT_COLUMN + 1
                ? List.of(columns).subList(FORMAT_COLUMN + 1, columns.length)
                : List.of();
        checkSampleNames(samples, chromLineNumber);
        Map<String, Long> contigLengths = new LinkedHashMap<>();
        List<String> assemblyNames = new ArrayList<>();
        for (String line : meta) {
            if (line.startsWith("##contig=<")) {
                contig(line, contigLengths, assemblyNames);
            } else if (line.startsWith("##reference=") || line.startsWith("##assembly=")) {
                assemblyNames.add(line.substring(line.indexOf('=') + 1));
            }
        }
        return new HeaderFacts(
                meta.getFirst().substring(FILEFORMAT.length()),
                samples,
                columns.length > FORMAT_COLUMN,
                contigLengths,
                assemblyNames);
    }

    private void checkSampleNames(List<String> samples, long chromLineNumber) {
        Set<String> seen = new LinkedHashSet<>();
        Set<String> duplicated = new LinkedHashSet<>();
        for (String sample : samples) {
            if (!seen.add(sample)) {
                duplicated.add(sample);
            }
        }
        if (!duplicated.isEmpty()) {
            findings.add(
                    FindingCode.DUPLICATE_SAMPLES,
                    duplicated.size() + " sample name(s) appear more than once: "
                            + String.join(", ", duplicated.stream().limit(10).toList()) + ".",
                    chromLineNumber,
                    fixes.duplicateSamples());
        }
    }

    /** The index of the first meta line whose prefix of the header htsjdk refuses; the whole header is refused. */
    private static int firstFailingMetaLine(List<String> meta, String chromLine) {
        int good = 1;
        int bad = meta.size();
        while (good < bad) {
            int middle = (good + bad) >>> 1;
            List<String> prefix = new ArrayList<>(meta.subList(0, middle + 1));
            prefix.add(chromLine);
            if (problem(prefix) == null) {
                good = middle + 1;
            } else {
                bad = middle;
            }
        }
        return Math.min(bad, meta.size() - 1);
    }

    private static void contig(String line, Map<String, Long> contigLengths, List<String> assemblyNames) {
        Matcher id = CONTIG_ID.matcher(line);
        if (!id.find()) {
            return;
        }
        Matcher length = CONTIG_LENGTH.matcher(line);
        contigLengths.put(id.group(1), length.find() ? Long.parseLong(length.group(1)) : 0L);
        Matcher assembly = CONTIG_ASSEMBLY.matcher(line);
        if (assembly.find() && !assemblyNames.contains(assembly.group(1))) {
            assemblyNames.add(assembly.group(1));
        }
    }

    /** htsjdk's complaint about a header made of these lines, or {@code null} if it has none. */
    private static String problem(List<String> header) {
        try {
            new VCFCodec().readActualHeader(new ListLineIterator(header));
            return null;
        } catch (RuntimeException e) {
            return e instanceof TribbleException ? e.getMessage() : e.toString();
        }
    }

    private static String preview(String line) {
        String printable = line.replaceAll("[^\\x20-\\x7E]", "?");
        return printable.length() <= 60 ? printable : printable.substring(0, 60) + "…";
    }

    /** htsjdk's line source over lines already read. */
    private static final class ListLineIterator implements LineIterator {

        private final List<String> lines;
        private int next;

        ListLineIterator(List<String> lines) {
            this.lines = lines;
        }

        @Override
        public boolean hasNext() {
            return next < lines.size();
        }

        @Override
        public String next() {
            return lines.get(next++);
        }

        @Override
        public String peek() {
            return lines.get(next);
        }
    }
}
