package org.fedimpute.node.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link StepLog} that keeps every step with its files in a directory, so tests can see what the pipeline did. */
final class RecordingStepLog implements StepLog {

    private final Path directory;
    private final AtomicInteger counter = new AtomicInteger();
    final List<RecordedStep> steps = new CopyOnWriteArrayList<>();
    /** "begin <name>" and "end <name>" in the order they happened. */
    final List<String> events = new CopyOnWriteArrayList<>();

    RecordingStepLog(Path directory) {
        this.directory = directory;
    }

    @Override
    public Step begin(String name, List<String> command) {
        String id = "step-" + counter.incrementAndGet();
        try {
            Files.createDirectories(directory);
            RecordedStep step = new RecordedStep(
                    events,
                    id,
                    name,
                    command,
                    Files.createFile(directory.resolve(id + ".stdout")),
                    Files.createFile(directory.resolve(id + ".stderr")));
            steps.add(step);
            events.add("begin " + name);
            return step;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    RecordedStep step(String name) {
        return steps.stream()
                .filter(step -> step.name.equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no step '" + name + "' in " + steps));
    }

    /** A step as it was recorded. */
    static final class RecordedStep implements Step {

        private final List<String> events;
        final String id;
        final String name;
        final List<String> command;
        final Path stdout;
        final Path stderr;
        volatile Integer exitCode;

        RecordedStep(List<String> events, String id, String name, List<String> command, Path stdout, Path stderr) {
            this.events = events;
            this.id = id;
            this.name = name;
            this.command = command;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public Path stdout() {
            return stdout;
        }

        @Override
        public Path stderr() {
            return stderr;
        }

        @Override
        public void end(int exitCode) {
            this.exitCode = exitCode;
            events.add("end " + name);
        }

        String output() throws IOException {
            return Files.readString(stdout);
        }

        @Override
        public String toString() {
            return name + " -> " + exitCode;
        }
    }
}
