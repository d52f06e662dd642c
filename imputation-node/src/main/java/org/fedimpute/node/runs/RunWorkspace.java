package org.fedimpute.node.runs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Where each run works: {@code <work-root>/<run id>} holding {@code input/} (its genotype files), {@code logs/} (the
 * run's own stdout and stderr and each step's) and whatever the imputation writes.
 */
@Component
public class RunWorkspace {

    /** Characters kept of a researcher's file name: a file system takes 255, and a position may be put in front. */
    static final int MAX_NAME_LENGTH = 200;

    private static final Pattern RUN_ID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final Path root;

    RunWorkspace(RunProperties properties) {
        this.root = properties.workRoot();
    }

    Path dir(UUID runId) {
        return root.resolve(runId.toString());
    }

    /** The run's input directory, created if it is not there yet. */
    Path inputDir(UUID runId) {
        return created(dir(runId).resolve("input"));
    }

    /**
     * A new file in the run's input directory for an attachment or fetched input: named as the researcher named it,
     * less characters that could leave the directory, and made unique with its position where names repeat.
     */
    public Path inputFile(UUID runId, int position, String name) {
        String safe = safeName(
                name == null ? "" : name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1));
        Path file = inputDir(runId).resolve(safe.isEmpty() ? "input-" + position : safe);
        String base = file.getFileName().toString();
        for (int again = 1; Files.exists(file); again++) {
            file = file.resolveSibling(position + (again == 1 ? "" : "." + again) + "-" + base);
        }
        return file;
    }

    /**
     * A file name of letters, digits, {@code .}, {@code _} and {@code -} only, not starting with a dot, and short enough
     * for any file system (its end kept, where the extension is).
     */
    static String safeName(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.substring(Math.max(0, safe.length() - MAX_NAME_LENGTH)).replaceFirst("^\\.+", "");
    }

    Path logDir(UUID runId) {
        return created(dir(runId).resolve("logs"));
    }

    /** The run's own log of a stream ({@code stdout} or {@code stderr}). */
    Path runLog(UUID runId, String stream) {
        return logDir(runId).resolve("run." + stream);
    }

    /** Adds a line to the run's own log of a stream, with the time. */
    void note(UUID runId, String stream, String line) {
        try {
            Files.writeString(
                    runLog(runId, stream),
                    Instant.now() + " " + line + System.lineSeparator(),
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The runs that have a working directory: the directories under the work root named by a run id. */
    List<UUID> runsWithDirectories() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(root)) {
            return entries.filter(Files::isDirectory)
                    .map(dir -> dir.getFileName().toString())
                    .filter(name -> RUN_ID.matcher(name).matches())
                    .map(UUID::fromString)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes a run's working directory and everything in it (a submission that was refused). */
    void remove(UUID runId) {
        Path dir = dir(runId);
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path created(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
