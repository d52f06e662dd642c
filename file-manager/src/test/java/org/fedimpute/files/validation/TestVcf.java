package org.fedimpute.files.validation;

import htsjdk.samtools.util.BlockCompressedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Small VCF files written as text, to give each validation rule the exact input that should trip it. */
final class TestVcf {

    static final String GT_FORMAT = "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">";

    private final List<String> meta = new ArrayList<>();
    private List<String> samples = List.of("S1", "S2", "S3", "S4");
    private final List<String> records = new ArrayList<>();

    private TestVcf(String contig) {
        meta.add("##fileformat=VCFv4.2");
        meta.add(contig);
        meta.add(GT_FORMAT);
    }

    /** A header for chromosome {@code 20} of GRCh37 and four samples, without records. */
    static TestVcf hg19() {
        return new TestVcf("##contig=<ID=20,length=63025520>");
    }

    /** A header for chromosome {@code chr20} of GRCh38 and four samples, without records. */
    static TestVcf hg38() {
        return new TestVcf("##contig=<ID=chr20,length=64444167>");
    }

    /** Chromosome {@code 20} with a contig line that gives no length, so that only naming hints at the build. */
    static TestVcf withoutLengths() {
        return new TestVcf("##contig=<ID=20>");
    }

    /** {@link #hg19()} with five clean, sorted, phased, polymorphic SNPs. */
    static TestVcf cleanHg19() {
        return hg19().snp("20", 100_000, "0|1", "1|1", "0|0", "0|1")
                .snp("20", 100_500, "1|0", "0|0", "0|1", "1|1")
                .snp("20", 101_000, "0|0", "0|1", "1|0", "0|0")
                .snp("20", 102_000, "1|1", "0|1", "0|0", "1|0")
                .snp("20", 103_000, "0|1", "0|0", "1|1", "0|1");
    }

    TestVcf meta(String line) {
        meta.add(line);
        return this;
    }

    TestVcf withoutMeta() {
        meta.clear();
        return this;
    }

    TestVcf samples(String... names) {
        samples = List.of(names);
        return this;
    }

    /** An A>G SNP with these genotypes. */
    TestVcf snp(String chromosome, long position, String... genotypes) {
        return record(chromosome, position, "A", "G", genotypes);
    }

    TestVcf record(String chromosome, long position, String ref, String alt, String... genotypes) {
        return line(chromosome + "\t" + position + "\t.\t" + ref + "\t" + alt + "\t.\tPASS\t.\tGT\t"
                + String.join("\t", genotypes));
    }

    /** A data line as it is. */
    TestVcf line(String line) {
        records.add(line);
        return this;
    }

    /** The 1-based line number of the {@code index}-th record (from 0). */
    long lineOf(int index) {
        return meta.size() + 2L + index;
    }

    String text() {
        StringBuilder text = new StringBuilder();
        meta.forEach(line -> text.append(line).append('\n'));
        text.append("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO");
        if (!samples.isEmpty()) {
            text.append("\tFORMAT\t").append(String.join("\t", samples));
        }
        text.append('\n');
        records.forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }

    Path bgzip(Path file) {
        return bgzip(file, text().getBytes(StandardCharsets.UTF_8));
    }

    Path plain(Path file) {
        return write(file, text().getBytes(StandardCharsets.UTF_8));
    }

    Path gzip(Path file) {
        return gzip(file, text().getBytes(StandardCharsets.UTF_8));
    }

    static Path bgzip(Path file, byte[] content) {
        try (OutputStream out = new BlockCompressedOutputStream(file.toFile())) {
            out.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static Path gzip(Path file, byte[] content) {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static Path write(Path file, byte[] content) {
        try {
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
