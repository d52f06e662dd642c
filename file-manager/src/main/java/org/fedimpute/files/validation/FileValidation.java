package org.fedimpute.files.validation;

import htsjdk.samtools.SAMException;
import htsjdk.samtools.util.BlockCompressedInputStream;
import htsjdk.samtools.util.BlockCompressedInputStream.FileTermination;
import java.io.EOFException;
import java.io.IOException;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fedimpute.files.validation.ValidationReport.BuildDetection;
import org.fedimpute.files.validation.ValidationReport.ChromosomeNaming;
import org.fedimpute.files.validation.ValidationReport.ChromosomeSummary;
import org.fedimpute.files.validation.ValidationReport.FileFormat;
import org.fedimpute.files.validation.ValidationReport.Verdict;

/**
 * One validation of one file, from its first bytes to its report: the state of a single pass, so that a file that
 * breaks off half-way still reports everything read before the break.
 */
final class FileValidation {

    /** Enough to tell text from binary; less than a bgzip block, so that a break further on is met by the lines. */
    private static final int PEEK_BYTES = 4096;

    private static final byte[] BCF_MAGIC = {'B', 'C', 'F', 2};

    private final Path file;
    private final GenomeBuild declared;
    private final String fileName;
    private final ValidationProperties properties;
    private final Findings findings;
    private final Fixes fixes;

    private long sizeBytes;
    private FileFormat format = FileFormat.UNKNOWN;
    private LineReader lines;
    private HeaderFacts header;
    private VariantTally tally;
    private boolean readToEnd;

    FileValidation(Path file, ValidationRequest request, ValidationProperties properties) {
        this.file = file;
        this.declared = request.declaredBuild();
        this.fileName =
                request.originalFileName() != null ? request.originalFileName() : String.valueOf(file.getFileName());
        this.properties = properties;
        this.findings = new Findings(properties.examplesPerCode());
        this.fixes = new Fixes(fileName);
    }

    ValidationReport run() {
        try {
            sizeBytes = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (sizeBytes == 0) {
            findings.add(FindingCode.EMPTY_FILE, "The file is empty (0 bytes).", null, fixes.emptyFile());
            return report();
        }
        Container container = Container.probe(file);
        if (container.description() != null) {
            findings.add(
                    FindingCode.NOT_A_VCF,
                    "The file is " + container.description() + ", not a bgzipped VCF.",
                    null,
                    container.decompressor() == null ? fixes.unzip() : fixes.recompress(container.decompressor()));
            return report();
        }
        try (PushbackInputStream content = new PushbackInputStream(container.open(file), PEEK_BYTES)) {
            if (!readContent(container, content)) {
                return report();
            }
            if (container == Container.BGZIP
                    && BlockCompressedInputStream.checkTermination(file) != FileTermination.HAS_TERMINATOR_BLOCK) {
                findings.add(
                        FindingCode.TRUNCATED,
                        "The file ends after line " + lines.number()
                                + " without bgzip's end-of-file marker: it was cut short.",
                        lines.number(),
                        fixes.truncated());
            }
        } catch (LineReader.LineTooLongException e) {
            tooLong(e);
        } catch (IOException | SAMException e) {
            brokenCompression(container, e);
        }
        return report();
    }

    /** Reads the decompressed content; false when it is not VCF text at all. */
    private boolean readContent(Container container, PushbackInputStream content) throws IOException {
        byte[] head = content.readNBytes(PEEK_BYTES);
        content.unread(head);
        if (startsWith(head, BCF_MAGIC)) {
            format = FileFormat.BCF;
            findings.add(
                    FindingCode.BCF_NOT_ACCEPTED,
                    "The file is BCF; imputation servers take bgzipped VCF.",
                    null,
                    fixes.convertBcf());
            return false;
        }
        if (binary(head)) {
            String what = container == Container.PLAIN
                    ? "neither gzip-compressed nor text"
                    : "gzip-compressed, but what it holds is not text";
            findings.add(
                    FindingCode.NOT_A_VCF,
                    "The file is " + what + ": it is binary data starting with bytes "
                            + HexFormat.ofDelimiter(" ").formatHex(head, 0, Math.min(8, head.length)) + ".",
                    null,
                    fixes.convertToVcf());
            return false;
        }
        format = switch (container) {
            case BGZIP -> FileFormat.VCF_BGZIP;
            case GZIP -> FileFormat.VCF_GZIP;
            default -> FileFormat.VCF_PLAIN;
        };
        lines = new LineReader(content);
        header = new HeaderParser(findings, fixes).read(lines);
        if (header == null) {
            return false;
        }
        if (container == Container.GZIP) {
            findings.add(
                    FindingCode.NOT_BGZIPPED,
                    "The file is compressed with gzip, not bgzip: imputation servers cannot index it.",
                    null,
                    fixes.bgzipFromGzip());
        } else if (container == Container.PLAIN) {
            findings.add(
                    FindingCode.NOT_BGZIPPED,
                    "The file is not compressed: imputation servers take VCF compressed with bgzip.",
                    null,
                    fixes.bgzipPlainText());
        }
        if (header.samples().isEmpty()) {
            findings.add(
                    FindingCode.NO_SAMPLES,
                    "The file has no sample columns: it lists sites without genotypes.",
                    null,
                    fixes.noSamples());
        }
        tally = new VariantTally(header.samples(), properties, findings, fixes);
        RecordParser parser = new RecordParser(tally, header, findings, fixes);
        while (lines.next()) {
            parser.parse(lines.buffer(), lines.start(), lines.end(), lines.number());
        }
        readToEnd = true;
        return true;
    }

    /** A line too long to be VCF ends the scan: one in the header leaves no usable header, one after it a bad record. */
    private void tooLong(LineReader.LineTooLongException e) {
        boolean inHeader = header == null;
        findings.add(
                inHeader ? FindingCode.MALFORMED_HEADER : FindingCode.MALFORMED_LINE,
                (inHeader ? "Header line " : "Line ") + e.line() + " is longer than " + (e.maxLineBytes() >> 20)
                        + " MiB; validation stopped there.",
                e.line(),
                inHeader ? fixes.header() : fixes.malformedLine());
    }

    private void brokenCompression(Container container, Exception e) {
        long line = lines == null ? 0 : lines.number();
        String where = line == 0 ? "before its first complete line" : "after line " + line;
        boolean truncated = container == Container.GZIP ? e instanceof EOFException : defectiveEnd();
        if (truncated) {
            findings.add(
                    FindingCode.TRUNCATED,
                    "The file breaks off " + where + ": the upload or the compression was interrupted.",
                    line == 0 ? null : line,
                    fixes.truncated());
        } else {
            findings.add(
                    FindingCode.CORRUPT_COMPRESSION,
                    "The compressed data is damaged " + where + " (" + e.getMessage() + ").",
                    line == 0 ? null : line,
                    fixes.corrupt());
        }
    }

    private boolean defectiveEnd() {
        try {
            return BlockCompressedInputStream.checkTermination(file) == FileTermination.DEFECTIVE;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ValidationReport report() {
        List<ChromosomeSummary> chromosomes = tally == null ? List.of() : tally.chromosomes();
        ChromosomeNaming naming = tally == null ? null : tally.naming();
        BuildDetection build = null;
        if (tally != null) {
            tally.summarise();
            if (tally.variants() == 0 && readToEnd) {
                findings.add(
                        FindingCode.NO_VARIANTS,
                        "The file has a header but no variants.",
                        lines.number(),
                        fixes.noVariants());
            }
            chromosomeFindings(chromosomes);
            build = BuildDetector.detect(declared, header.contigLengths(), header.assemblyNames(), chromosomes, naming);
            BuildChecks.findings(build, naming, chromosomes, fixes)
                    .forEach(finding -> findings.add(finding.code(), finding.message(), finding.line(), finding.fix()));
        }
        Map<FindingCode, Long> totals = findings.totals();
        return new ValidationReport(
                fileName,
                sizeBytes,
                Verdict.of(totals),
                format,
                header == null ? null : header.version(),
                header == null ? 0 : header.samples().size(),
                tally == null ? 0 : tally.variants(),
                chromosomes,
                naming,
                build,
                tally == null ? null : tally.phasing(),
                tally == null ? null : tally.siteCounts(),
                tally == null ? null : tally.missingness(),
                tally == null ? null : tally.alleleFrequencies(),
                findings.listed(),
                totals);
    }

    private void chromosomeFindings(List<ChromosomeSummary> chromosomes) {
        List<String> unsupported = new ArrayList<>();
        long unsupportedRecords = 0;
        for (ChromosomeSummary chromosome : chromosomes) {
            if (!HumanChromosomes.imputable(chromosome.name())) {
                unsupported.add(chromosome.name());
                unsupportedRecords += chromosome.variants();
            }
            positionRange(chromosome);
        }
        if (!unsupported.isEmpty()) {
            findings.add(
                    FindingCode.UNSUPPORTED_CHROMOSOME,
                    String.format(
                            Locale.ROOT,
                            "%,d record(s) are on chromosome(s) imputation servers do not impute: %s.",
                            unsupportedRecords,
                            String.join(", ", unsupported.stream().limit(20).toList())),
                    null,
                    fixes.unsupportedChromosomes(unsupported.stream().limit(20).toList()));
        }
        if (chromosomes.size() > 1) {
            findings.add(
                    FindingCode.MULTIPLE_CHROMOSOMES,
                    "The file holds " + chromosomes.size() + " chromosomes ("
                            + String.join(
                                    ", ",
                                    chromosomes.stream()
                                            .limit(10)
                                            .map(ChromosomeSummary::name)
                                            .toList())
                            + "); Michigan-type servers take one chromosome per file.",
                    null,
                    fixes.splitByChromosome());
        }
    }

    private void positionRange(ChromosomeSummary chromosome) {
        long contigLength = header.contigLengths().getOrDefault(chromosome.name(), 0L);
        String canonical = HumanChromosomes.canonical(chromosome.name());
        long longest = Math.max(
                HumanChromosomes.length(GenomeBuild.HG19, canonical),
                HumanChromosomes.length(GenomeBuild.HG38, canonical));
        long line = tally.lineOfLastPosition(chromosome.name());
        if (contigLength > 0 && chromosome.lastPosition() > contigLength) {
            findings.add(
                    FindingCode.POSITION_OUT_OF_RANGE,
                    String.format(
                            Locale.ROOT,
                            "Position %,d on %s is past the end of its ##contig line (%,d bp).",
                            chromosome.lastPosition(),
                            chromosome.name(),
                            contigLength),
                    line,
                    fixes.positionOutOfRange(chromosome.name(), contigLength));
        } else if (longest > 0 && chromosome.lastPosition() > longest) {
            findings.add(
                    FindingCode.POSITION_OUT_OF_RANGE,
                    String.format(
                            Locale.ROOT,
                            "Position %,d on %s is past the end of that chromosome in both GRCh37 and GRCh38.",
                            chromosome.lastPosition(),
                            chromosome.name()),
                    line,
                    fixes.positionOutOfRange(chromosome.name(), longest));
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** Text has no NUL and almost no other control characters (UTF-8 is fine); compressed or binary data has many. */
    private static boolean binary(byte[] head) {
        int control = 0;
        for (byte b : head) {
            if (b == 0) {
                return true;
            }
            if (b >= 0 && b < 0x20 && b != '\t' && b != '\n' && b != '\r') {
                control++;
            }
        }
        return control > head.length / 100;
    }
}
