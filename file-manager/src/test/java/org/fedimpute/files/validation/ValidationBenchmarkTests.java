package org.fedimpute.files.validation;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.fedimpute.test.genotypes.GenotypeSimulation;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Benchmark (printed, not asserted): validation throughput next to {@code bcftools view} on the same files, a large
 * simulated VCF and the real chr20 inputs. Run it with {@code bench/validation-throughput.sh}, or
 * {@code ./mvnw -o verify -pl file-manager -Dgroups=benchmark -DexcludedGroups=} ({@code -Dbench.samples}, {@code -Dbench.sites},
 * {@code -Dbench.runs}); the normal build leaves it out.
 */
@Tag("benchmark")
class ValidationBenchmarkTests {

    private static final Path WORK = Path.of("target", "benchmark");
    /** Files this small take milliseconds: they get more warm-up and more runs, so that noise does not decide. */
    private static final long SMALL_FILE_BYTES = 10_000_000;

    private static final int SMALL_FILE_RUNS = 15;

    private final int samples = Integer.getInteger("bench.samples", 1_000);
    private final int sites = Integer.getInteger("bench.sites", 100_000);
    private final int runs = Integer.getInteger("bench.runs", 3);
    private final GenotypeValidator validator = new GenotypeValidator(ValidationProperties.defaults());
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    @Test
    void validationThroughputNextToBcftools() throws Exception {
        assumeTrue(
                run("bcftools", "--version").exitCode() == 0, "bcftools is not installed: apt-get install -y bcftools");
        List<Path> files = new ArrayList<>();
        files.add(simulated());
        for (String name : List.of("chr20.phased.hg19.vcf.gz", "chr20.phased.hg38.vcf.gz", "minimac_test2.50.vcf.gz")) {
            Path real = RealDataTests.DATA.resolve("input").resolve(name);
            if (Files.isRegularFile(real)) {
                files.add(real);
            } else {
                System.out.println("Skipping " + real.toAbsolutePath().normalize() + ": absent");
            }
        }

        System.out.println("load before: " + uptime());
        System.out.printf(
                Locale.ROOT,
                "%-28s %-32s %9s %9s %8s %11s %10s %10s%n",
                "file",
                "tool",
                "wall ms",
                "cpu ms",
                "MB/s",
                "variants/s",
                "x view-Ou",
                "x view-VCF");
        for (Path file : files) {
            measure(file);
        }
        System.out.println("load after: " + uptime());
        System.out.println("Medians of " + runs + " runs after one warm-up (" + SMALL_FILE_RUNS + " of each for files"
                + " under 10 MB uncompressed); MB/s is uncompressed VCF per wall second;"
                + " 'x view-Ou' and 'x view-VCF' are wall time over that of bcftools view -Ou and of plain bcftools"
                + " view (below 1: faster than bcftools). cpu ms is user + system time: the validator runs on one"
                + " thread, bcftools in its own process.");
    }

    private void measure(Path file) throws Exception {
        long uncompressed = uncompressedBytes(file);
        boolean small = uncompressed < SMALL_FILE_BYTES;
        ValidationReport report = validator.validate(file, null);
        for (int warmUp = 1; small && warmUp < SMALL_FILE_RUNS; warmUp++) {
            validator.validate(file, null);
        }
        long variants = report.variantCount();
        int repeats = small ? SMALL_FILE_RUNS : runs;
        double[][] validation = new double[repeats][];
        double[][] binary = new double[repeats][];
        double[][] text = new double[repeats][];
        for (int run = 0; run < repeats; run++) {
            validation[run] = validate(file);
            binary[run] = timed("bcftools view -Ou -o /dev/null '" + file + "'");
            text[run] = timed("bcftools view '" + file + "' > /dev/null");
        }
        double[] references = {median(binary, 0), median(text, 0)};
        String name = file.getFileName().toString();
        print(name, "validator (" + report.verdict() + ")", validation, uncompressed, variants, references);
        print(name, "bcftools view -Ou -o /dev/null", binary, uncompressed, variants, references);
        print(name, "bcftools view > /dev/null", text, uncompressed, variants, references);
    }

    private void print(String file, String tool, double[][] times, long bytes, long variants, double[] references) {
        double wall = median(times, 0);
        if (Double.isNaN(wall)) {
            System.out.printf(Locale.ROOT, "%-28s %-32s %s%n", file, tool, "failed (bcftools refused the file)");
            return;
        }
        System.out.printf(
                Locale.ROOT,
                "%-28s %-32s %9.0f %9.0f %8.1f %11.0f %10s %10s%n",
                file,
                tool,
                wall,
                median(times, 1),
                bytes / 1e6 / (wall / 1e3),
                variants / (wall / 1e3),
                ratio(wall, references[0]),
                ratio(wall, references[1]));
    }

    private static String ratio(double wall, double reference) {
        return Double.isNaN(reference) ? "-" : String.format(Locale.ROOT, "%.2f", wall / reference);
    }

    /** Wall and CPU milliseconds of one validation on this thread. */
    private double[] validate(Path file) {
        long cpu = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        validator.validate(file, null);
        return new double[] {(System.nanoTime() - start) / 1e6, (threads.getCurrentThreadCpuTime() - cpu) / 1e6};
    }

    /** Wall and CPU (user + system) milliseconds of a shell command, from bash's {@code time}; NaN if it failed. */
    private static double[] timed(String command) throws IOException, InterruptedException {
        Result result = run("bash", "-c", "TIMEFORMAT='%R %U %S'; { time " + command + " 2>/dev/null ; } 2>&1");
        String[] lines = result.output().strip().split("\n");
        String[] fields = lines[lines.length - 1].trim().split(" ");
        if (result.exitCode() != 0 || fields.length != 3) {
            return new double[] {Double.NaN, Double.NaN};
        }
        return new double[] {
            Double.parseDouble(fields[0]) * 1e3, (Double.parseDouble(fields[1]) + Double.parseDouble(fields[2])) * 1e3
        };
    }

    private Path simulated() throws IOException {
        Path directory = WORK.resolve("simulated-" + samples + "x" + sites);
        Path reference = directory.resolve("reference.vcf.gz");
        if (!Files.isRegularFile(reference)) {
            System.out.println("Simulating " + samples + " samples x " + sites + " sites into " + directory + "...");
            int spacing = Math.max(1, Math.min(1_000, 60_000_000 / sites / 2));
            GenotypeSimulation.builder()
                    .seed(2026)
                    .referenceSamples(samples)
                    .targetSamples(1)
                    .variantSites(sites)
                    .meanSiteSpacing(spacing)
                    .arrayFraction(0.01)
                    .build()
                    .writeTo(directory);
        }
        Path named = directory.resolve("simulated." + samples + "x" + sites + ".vcf.gz");
        if (!Files.exists(named)) {
            Files.createLink(named, reference);
        }
        return named;
    }

    private static long uncompressedBytes(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
            return in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }

    private static double median(double[][] runs, int column) {
        double[] values =
                Arrays.stream(runs).mapToDouble(run -> run[column]).sorted().toArray();
        return values[values.length / 2];
    }

    private static String uptime() throws IOException, InterruptedException {
        return run("uptime").output().strip();
    }

    private static Result run(String... command) throws IOException, InterruptedException {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(process.waitFor(), output);
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        }
    }

    private record Result(int exitCode, String output) {}
}
