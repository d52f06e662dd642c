package org.fedimpute.files.validation;

import java.util.List;
import java.util.Map;

/**
 * What the data lines and the build detection need from a VCF header.
 *
 * @param version the {@code ##fileformat} value
 * @param samples sample names in column order
 * @param hasFormatColumn whether the {@code #CHROM} line has a FORMAT column
 * @param contigLengths {@code ##contig} IDs with their lengths, in header order (0 when a line has none)
 * @param assemblyNames {@code ##reference} and {@code ##assembly} values and contig {@code assembly} attributes
 */
record HeaderFacts(
        String version,
        List<String> samples,
        boolean hasFormatColumn,
        Map<String, Long> contigLengths,
        List<String> assemblyNames) {}
