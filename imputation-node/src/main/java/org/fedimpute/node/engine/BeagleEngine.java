package org.fedimpute.node.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Beagle 5.4, found as a jar ({@code fedimpute.node.engine.beagle-jar}, else the {@code BEAGLE_JAR} environment
 * variable) run with the node's own Java, or else as the {@code beagle} command on the {@code PATH} (the Debian
 * package); its version is read once from its own banner.
 */
public final class BeagleEngine implements ImputationEngine {

    /** The banner's first line: {@code beagle.22Jul22.46e.jar (version 5.4)}. */
    private static final Pattern BANNER = Pattern.compile("beagle\\.(\\S+)\\.jar \\(version ([^)]+)\\)");

    private static final Pattern ERROR_LINE = Pattern.compile("^Error\\s*:\\s*(.+)$");
    private static final Pattern FILENAME_LINE = Pattern.compile("^Filename\\s*:\\s*(.+)$");
    private static final Pattern EXCEPTION_LINE =
            Pattern.compile("^(?:Exception in thread \"[^\"]*\" )?[\\w.$]+(?:Exception|Error): (.+)$");
    private static final long BANNER_TIMEOUT_SECONDS = 60;
    private static final String INSTALL_HINT = "install the Debian package 'beagle' (apt-get install beagle), or set"
            + " BEAGLE_JAR (or fedimpute.node.engine.beagle-jar) to a Beagle 5.4 jar";

    private final List<String> launcher;
    private final Installation installation;

    /**
     * @param configuredJar the jar named in the node's configuration, or null
     * @param maxHeap the {@code -Xmx} value for a jar run with {@code java -jar} ({@code 8g}), or null for Java's
     *     default; the Debian {@code beagle} script sets its own
     * @param environment the environment to look in for {@code BEAGLE_JAR} and {@code PATH}
     */
    public BeagleEngine(Path configuredJar, String maxHeap, Map<String, String> environment) {
        Path jar = configuredJar != null ? configuredJar : pathFrom(environment.get("BEAGLE_JAR"));
        Optional<Path> command =
                jar == null ? onPath("beagle", environment.getOrDefault("PATH", "")) : Optional.empty();
        if (jar != null) {
            this.launcher = javaJar(jar, maxHeap);
            this.installation = Files.isRegularFile(jar)
                    ? readBanner(launcher)
                    : new Installation.NotInstalled("Beagle is not installed: the Beagle jar " + jar
                            + " (from " + (configuredJar != null ? "fedimpute.node.engine.beagle-jar" : "BEAGLE_JAR")
                            + ") does not exist; " + INSTALL_HINT + ".");
        } else if (command.isPresent()) {
            this.launcher = List.of(command.get().toString());
            this.installation = readBanner(launcher);
        } else {
            this.launcher = List.of();
            this.installation = new Installation.NotInstalled(
                    "Beagle is not installed: there is no 'beagle' command on the PATH and no Beagle jar configured; "
                            + INSTALL_HINT + ".");
        }
    }

    @Override
    public String name() {
        return "beagle";
    }

    @Override
    public Installation installation() {
        return installation;
    }

    @Override
    public Optional<String> referenceProblem(Path reference) {
        String name = reference.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".bref3") || name.endsWith(".vcf") || name.endsWith(".vcf.gz")) {
            return Optional.empty();
        }
        if (name.endsWith(".bcf")) {
            return Optional.of("Beagle reads bref3 or VCF reference panels, not BCF: convert " + reference
                    + " with 'bcftools view -Oz -o panel.vcf.gz " + reference.getFileName()
                    + "' (or to bref3 with Beagle's bref3 tool) and configure that file.");
        }
        return Optional.of("Beagle reads reference panels in bref3 (.bref3) or VCF (.vcf, .vcf.gz) format, and "
                + reference + " is neither.");
    }

    @Override
    public List<String> command(ChromosomeImputation imputation) {
        List<String> command = new ArrayList<>(launcher);
        command.add("gt=" + imputation.target().toAbsolutePath());
        command.add("ref=" + imputation.reference().toAbsolutePath());
        command.add("map=" + imputation.geneticMap().toAbsolutePath());
        command.add("out=" + imputation.outputPrefix().toAbsolutePath());
        command.add("chrom=" + imputation.chromosome());
        command.add("nthreads=" + imputation.threads());
        return command;
    }

    @Override
    public Path imputedVcf(Path outputPrefix) {
        return outputPrefix.resolveSibling(outputPrefix.getFileName() + ".vcf.gz");
    }

    @Override
    public String failure(List<String> standardError, int exitCode) {
        for (int index = 0; index < standardError.size(); index++) {
            Matcher error = ERROR_LINE.matcher(standardError.get(index).strip());
            if (error.matches()) {
                Matcher filename = index + 1 < standardError.size()
                        ? FILENAME_LINE.matcher(standardError.get(index + 1).strip())
                        : null;
                return "Beagle: " + error.group(1)
                        + (filename != null && filename.matches() ? ": " + filename.group(1) : "");
            }
        }
        for (String line : standardError) {
            Matcher exception = EXCEPTION_LINE.matcher(line.strip());
            if (exception.matches()) {
                return "Beagle: " + exception.group(1)
                        + (line.contains("OutOfMemoryError")
                                ? " (out of memory: give it more with fedimpute.node.engine.beagle-max-heap, or"
                                        + " fewer chromosomes at once with fedimpute.node.threads)"
                                : "");
            }
        }
        return standardError.stream()
                .filter(line -> !line.isBlank() && !line.startsWith("\tat "))
                .reduce((first, second) -> second)
                .map(line -> "Beagle: " + line.strip())
                .orElse("Beagle stopped with exit code " + exitCode + " and no message.");
    }

    private static List<String> javaJar(Path jar, String maxHeap) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (maxHeap != null && !maxHeap.isBlank()) {
            command.add("-Xmx" + maxHeap.strip());
        }
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        return List.copyOf(command);
    }

    private static Installation readBanner(List<String> launcher) {
        try {
            Process process =
                    new ProcessBuilder(launcher).redirectErrorStream(true).start();
            String banner;
            try (InputStream output = process.getInputStream()) {
                banner = new String(output.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!process.waitFor(BANNER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            Matcher version = BANNER.matcher(banner);
            if (version.find()) {
                return new Installation.Installed(version.group(2) + " (" + version.group(1) + ")");
            }
            String firstLine = banner.lines().findFirst().orElse("nothing");
            return new Installation.NotInstalled("Beagle does not run here: '" + String.join(" ", launcher)
                    + "' printed '" + firstLine + "' instead of Beagle's banner; " + INSTALL_HINT + ".");
        } catch (IOException e) {
            return new Installation.NotInstalled("Beagle does not run here: '" + String.join(" ", launcher)
                    + "' failed to start (" + e.getMessage() + "); " + INSTALL_HINT + ".");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Installation.NotInstalled("The node was stopped while it asked Beagle for its version.");
        }
    }

    private static Path pathFrom(String value) {
        return value == null || value.isBlank() ? null : Path.of(value.strip());
    }

    private static Optional<Path> onPath(String command, String path) {
        for (String directory : path.split(java.io.File.pathSeparator)) {
            if (!directory.isBlank()) {
                Path candidate = Path.of(directory, command);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
