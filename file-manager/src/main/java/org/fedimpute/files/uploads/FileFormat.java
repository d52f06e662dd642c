package org.fedimpute.files.uploads;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.fedimpute.files.records.FileKind;

/**
 * The kinds of file file-manager accepts, told apart by the file name's extension: genotype data and zip archives
 * from anyone; the reports and logs of a job's results only from job-processor.
 */
enum FileFormat {
    VCF(".vcf", "text/plain", true, false),
    VCF_GZ(".vcf.gz", "application/gzip", true, false),
    BCF(".bcf", "application/octet-stream", true, false),
    // PLINK filesets are kept as they are: the validator reads VCF (and tells BCF apart), not PLINK.
    PLINK_BED(".bed", "application/octet-stream", false, false),
    PLINK_BIM(".bim", "text/plain", false, false),
    PLINK_FAM(".fam", "text/plain", false, false),
    ZIP(".zip", "application/zip", false, false),
    GZIP(".gz", "application/gzip", false, true),
    // The indexes imputation servers deliver beside an imputed VCF (tabix, or CSI for long chromosomes).
    TABIX_INDEX(".tbi", "application/octet-stream", false, true),
    CSI_INDEX(".csi", "application/octet-stream", false, true),
    // Michigan-type servers deliver the checksums of a job's zips as results.md5.
    MD5(".md5", "text/plain", false, true),
    TEXT(".txt", "text/plain", false, true),
    LOG(".log", "text/plain", false, true),
    CSV(".csv", "text/csv", false, true),
    TSV(".tsv", "text/tab-separated-values", false, true),
    HTML(".html", "text/html", false, true),
    JSON(".json", "application/json", false, true);

    private final String extension;
    private final String contentType;
    private final boolean genotypeData;
    private final boolean resultsOnly;

    FileFormat(String extension, String contentType, boolean genotypeData, boolean resultsOnly) {
        this.extension = extension;
        this.contentType = contentType;
        this.genotypeData = genotypeData;
        this.resultsOnly = resultsOnly;
    }

    String contentType() {
        return contentType;
    }

    /** Whether the genotype validator looks at the content (VCF and BCF). */
    boolean genotypeData() {
        return genotypeData;
    }

    /** The format of a file of this kind with this name (longest extension first, any case), if it is allowed. */
    static Optional<FileFormat> of(String fileName, FileKind kind) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(format -> allowedFor(format, kind))
                .sorted(Comparator.comparingInt((FileFormat format) -> format.extension.length())
                        .reversed())
                .filter(format -> lower.endsWith(format.extension) && lower.length() > format.extension.length())
                .findFirst();
    }

    /** The allowed extensions for a kind, for telling a user what to upload instead. */
    static String allowedExtensions(FileKind kind) {
        return Arrays.stream(values())
                .filter(format -> allowedFor(format, kind))
                .map(format -> format.extension)
                .collect(Collectors.joining(", "));
    }

    private static boolean allowedFor(FileFormat format, FileKind kind) {
        return kind == FileKind.RESULT || !format.resultsOnly;
    }
}
