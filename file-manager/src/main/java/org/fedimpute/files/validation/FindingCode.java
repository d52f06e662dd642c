package org.fedimpute.files.validation;

/**
 * The stable codes of validation findings, each with its fixed severity, so that clients can match on them and the
 * wording of messages can improve without breaking anyone.
 */
public enum FindingCode {
    /** The file has no bytes at all. */
    EMPTY_FILE(Severity.ERROR),
    /** The content is not VCF: another archive or compression format, binary data, or text of another kind. */
    NOT_A_VCF(Severity.ERROR),
    /** The compressed stream ends early: an interrupted upload, copy or compression. */
    TRUNCATED(Severity.ERROR),
    /** The compressed stream is damaged in the middle. */
    CORRUPT_COMPRESSION(Severity.ERROR),
    /** Plain text or plain gzip: imputation servers need bgzip so that they can index the file. */
    NOT_BGZIPPED(Severity.ERROR),
    /** BCF: imputation servers take bgzipped VCF. */
    BCF_NOT_ACCEPTED(Severity.ERROR),
    /** The header is missing a required line or has one that does not parse. */
    MALFORMED_HEADER(Severity.ERROR),
    /** Two sample columns share a name. */
    DUPLICATE_SAMPLES(Severity.ERROR),
    /** A sites-only VCF: there are no sample columns to impute. */
    NO_SAMPLES(Severity.ERROR),
    /** The header is complete but no variant follows. */
    NO_VARIANTS(Severity.ERROR),
    /** Records have no GT field (for example dosages only). */
    NO_GENOTYPES(Severity.ERROR),
    /** A data line does not parse: columns, position, alleles or a genotype. */
    MALFORMED_LINE(Severity.ERROR),
    /** Positions decrease within a chromosome, or a chromosome comes back after another. */
    UNSORTED(Severity.ERROR),
    /** Chromosome names do not follow the build's convention ({@code 20} on hg19, {@code chr20} on hg38), or mix. */
    CHROMOSOME_NAMING(Severity.ERROR),
    /** Positions past the end of the chromosome in both builds or in the header's contig line. */
    POSITION_OUT_OF_RANGE(Severity.ERROR),
    /** Strong evidence (contig lengths, positions) that the data is on another build than the one declared. */
    BUILD_MISMATCH(Severity.ERROR),
    /** Header hints (reference or assembly names) that the data is on another build than the one declared. */
    POSSIBLE_BUILD_MISMATCH(Severity.WARNING),
    /** Chromosomes imputation servers do not impute (Y, MT, PLINK's 23-26, unplaced contigs). */
    UNSUPPORTED_CHROMOSOME(Severity.WARNING),
    /** More than one chromosome in a file: Michigan-type servers take one chromosome per file. */
    MULTIPLE_CHROMOSOMES(Severity.WARNING),
    /** Sites with more than one ALT allele, which imputation servers exclude. */
    MULTIALLELIC_SITES(Severity.WARNING),
    /** The same CHROM:POS:REF:ALT more than once. */
    DUPLICATE_SITES(Severity.WARNING),
    /** Alleles that are not bases (for example Illumina's I/D), which imputation servers exclude. */
    INVALID_ALLELES(Severity.WARNING),
    /** Samples whose share of missing genotypes is above the threshold. */
    HIGH_SAMPLE_MISSINGNESS(Severity.WARNING),
    /** Variants whose share of missing genotypes is above the threshold. */
    HIGH_VARIANT_MISSINGNESS(Severity.WARNING),
    /** Some genotypes phased, some not: servers treat the file as unphased. */
    PARTIALLY_PHASED(Severity.WARNING),
    /** Insertions and deletions, which imputation servers exclude. */
    INDELS(Severity.INFO),
    /** Symbolic or breakend alleles, which imputation servers exclude. */
    STRUCTURAL_VARIANTS(Severity.INFO),
    /** Sites where every called allele is the same, which imputation servers exclude. */
    MONOMORPHIC_SITES(Severity.INFO),
    /** Sites with a FILTER other than PASS, which imputation servers exclude. */
    FILTERED_SITES(Severity.INFO);

    private final Severity severity;

    FindingCode(Severity severity) {
        this.severity = severity;
    }

    public Severity severity() {
        return severity;
    }
}
