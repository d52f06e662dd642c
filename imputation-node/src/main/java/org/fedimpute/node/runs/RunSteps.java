package org.fedimpute.node.runs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.fedimpute.node.pipeline.StepLog;

/**
 * Records one run's steps as tasks, numbered in the order they begin (steps may run in parallel), with their output
 * in {@code logs/task-<n>.stdout} and {@code .stderr} of the run's working directory.
 */
final class RunSteps implements StepLog {

    private final UUID runId;
    private final TaskRepository tasks;
    private final RunWorkspace workspace;
    private final AtomicInteger seq;

    RunSteps(UUID runId, TaskRepository tasks, RunWorkspace workspace) {
        this.runId = runId;
        this.tasks = tasks;
        this.workspace = workspace;
        this.seq = new AtomicInteger(tasks.lastSeq(runId));
    }

    @Override
    public Step begin(String name, List<String> command) {
        int number = seq.incrementAndGet();
        Path stdout = emptyFile(number, "stdout");
        Path stderr = emptyFile(number, "stderr");
        tasks.begin(runId, number, name, command, stdout, stderr);
        return new Step() {
            @Override
            public String id() {
                return String.valueOf(number);
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
                tasks.end(runId, number, exitCode);
            }
        };
    }

    private Path emptyFile(int number, String stream) {
        Path file = workspace.logDir(runId).resolve("task-" + number + "." + stream);
        try {
            Files.write(file, new byte[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
