package org.fedimpute.node.runs;

import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.fedimpute.node.pipeline.ImputationWorkflow;
import org.fedimpute.node.pipeline.PipelineOutcome;
import org.fedimpute.node.pipeline.RunControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;

/**
 * Works one queued run on a db-scheduler thread: INITIALIZING while its input is fetched, RUNNING while the
 * imputation works, then ended by the outcome; anything unexpected ends it as SYSTEM_ERROR, never stuck. Keeps each
 * working run's {@link RunControl} so that a cancel, or the node stopping, kills its processes.
 */
@Component
class RunExecutor implements SmartLifecycle {

    static final String RESTARTED = "The node restarted while this run was running; submit it again.";
    private static final Duration MAX_RECORD_WAIT = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(RunExecutor.class);

    private final RunRepository runs;
    private final TaskRepository tasks;
    private final RunWorkspace workspace;
    private final RunChecks checks;
    private final InputFetcher fetcher;
    private final ImputationWorkflow workflow;
    private final Map<UUID, RunControl> working = new ConcurrentHashMap<>();
    private volatile boolean started;
    private volatile boolean stopping;

    RunExecutor(
            RunRepository runs,
            TaskRepository tasks,
            RunWorkspace workspace,
            RunChecks checks,
            InputFetcher fetcher,
            ImputationWorkflow workflow) {
        this.runs = runs;
        this.tasks = tasks;
        this.workspace = workspace;
        this.checks = checks;
        this.fetcher = fetcher;
        this.workflow = workflow;
    }

    void execute(UUID runId) {
        Optional<Run> found = runs.find(runId);
        if (found.isEmpty() || stopping) {
            // A run not worked because the node is stopping stays QUEUED; the next start queues it again.
            return;
        }
        Run run = found.get();
        if (RunState.WORKING.contains(run.state()) && !working.containsKey(runId)) {
            // Revived by db-scheduler after the process working it died.
            settleInterrupted(runId);
            return;
        }
        if (run.state() != RunState.QUEUED) {
            return;
        }
        RunControl control = new RunControl();
        working.put(runId, control);
        try {
            if (runs.move(runId, EnumSet.of(RunState.QUEUED), RunState.INITIALIZING)) {
                work(run, control);
            }
        } catch (RunRefused refused) {
            end(runId, control, RunState.EXECUTOR_ERROR, Map.of(), refused.getMessage());
        } catch (RuntimeException e) {
            if (!stopping) {
                log.error("Run {} failed unexpectedly", runId, e);
                end(
                        runId,
                        control,
                        RunState.SYSTEM_ERROR,
                        Map.of(),
                        "The node failed unexpectedly while working on this run ("
                                + e.getClass().getSimpleName()
                                + "); submit it again, and tell the node's operators if it happens again.");
            }
        } finally {
            working.remove(runId);
        }
    }

    private void work(Run run, RunControl control) {
        UUID runId = run.runId();
        workspace.note(runId, "stdout", "Initializing");
        RunChecks.Checked checked = checks.check(run.request());
        RunSteps steps = new RunSteps(runId, tasks, workspace);
        List<Path> inputs = new ArrayList<>(
                run.inputs().stream().map(run.workDir()::resolve).toList());
        List<URI> urls = checked.inputUrls();
        for (int i = 0; i < urls.size() && !control.isCancelled(); i++) {
            Path target = workspace.inputFile(
                    runId, run.inputs().size() + i + 1, urls.get(i).getPath());
            Optional<String> failure = fetcher.fetch(urls.get(i), target, steps, control);
            if (failure.isPresent()) {
                end(runId, control, RunState.EXECUTOR_ERROR, Map.of(), failure.get());
                return;
            }
            inputs.add(target);
        }
        if (control.isCancelled() || !runs.move(runId, EnumSet.of(RunState.INITIALIZING), RunState.RUNNING)) {
            end(runId, control, RunState.CANCELED, Map.of(), null);
            return;
        }
        workspace.note(runId, "stdout", "Running imputation/" + checked.engine());
        PipelineOutcome outcome = workflow.run(checked.imputation(inputs), run.workDir(), steps, control);
        if (stopping) {
            return;
        }
        switch (outcome) {
            case PipelineOutcome.Completed completed ->
                end(runId, control, RunState.COMPLETE, relative(run.workDir(), completed.outputs()), null);
            case PipelineOutcome.Failed failed ->
                end(runId, control, RunState.EXECUTOR_ERROR, Map.of(), failed.reason());
            case PipelineOutcome.Cancelled cancelled -> end(runId, control, RunState.CANCELED, Map.of(), null);
        }
    }

    /**
     * Ends a working run in {@code state}, or as CANCELED where a cancel came first; the reason goes to the run's
     * stderr before the state changes, so whoever sees the state can read it.
     */
    private void end(UUID runId, RunControl control, RunState state, Map<String, List<String>> outputs, String reason) {
        if (stopping) {
            return;
        }
        if (control.isCancelled() || state == RunState.CANCELED) {
            note(runId, "stdout", "Canceled");
            recorded(runId, () -> runs.end(runId, RunState.ENDABLE, RunState.CANCELED, null, Map.of(), null));
            return;
        }
        if (reason != null) {
            note(runId, "stderr", reason);
        }
        note(runId, "stdout", "Ended " + state);
        Integer exitCode = switch (state) {
            case COMPLETE -> 0;
            case EXECUTOR_ERROR -> 1;
            default -> null;
        };
        if (!recorded(runId, () -> runs.end(runId, RunState.WORKING, state, exitCode, outputs, reason))) {
            recorded(runId, () -> runs.end(runId, Set.of(RunState.CANCELING), RunState.CANCELED, null, Map.of(), null));
        }
    }

    /**
     * Stores a run's end, trying again while the database does not answer (until the node stops): the outcome was
     * decided, and hours of imputation must not end as an error, or their outputs be lost, for one failed write. The
     * write changes the run only from the states it names, so writing it again is safe.
     */
    private boolean recorded(UUID runId, BooleanSupplier write) {
        long waitMillis = 500;
        while (true) {
            try {
                return write.getAsBoolean();
            } catch (TransientDataAccessException
                    | RecoverableDataAccessException
                    | DataAccessResourceFailureException e) {
                if (stopping) {
                    throw e;
                }
                log.warn("Could not store the end of run {} ({}); trying again in {} ms", runId, e, waitMillis);
                try {
                    Thread.sleep(waitMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                waitMillis = Math.min(waitMillis * 2, MAX_RECORD_WAIT.toMillis());
            }
        }
    }

    /** A line in the run's log; a log that cannot be written (a full disk) does not stop the run from ending. */
    private void note(UUID runId, String stream, String line) {
        try {
            workspace.note(runId, stream, line);
        } catch (UncheckedIOException e) {
            log.warn("Could not write '{}' to the {} of run {}: {}", line, stream, runId, e.getMessage());
        }
    }

    /**
     * Ends a run that a previous process of the node was working on: its processes died with that process, so it
     * is a SYSTEM_ERROR, or CANCELED where a cancel was under way.
     */
    void settleInterrupted(UUID runId) {
        if (runs.end(runId, Set.of(RunState.CANCELING), RunState.CANCELED, null, Map.of(), null)) {
            return;
        }
        workspace.note(runId, "stderr", RESTARTED);
        runs.end(runId, RunState.WORKING, RunState.SYSTEM_ERROR, null, Map.of(), RESTARTED);
    }

    /** Asks the run's processes to stop, where this process is working on it; false where it is not. */
    boolean cancel(UUID runId) {
        RunControl control = working.get(runId);
        if (control == null) {
            return false;
        }
        control.cancel();
        return true;
    }

    private static Map<String, List<String>> relative(Path workDir, Map<String, List<Path>> outputs) {
        Path base = workDir.toAbsolutePath().normalize();
        Map<String, List<String>> relative = new LinkedHashMap<>();
        outputs.forEach((name, files) -> relative.put(
                name,
                files.stream()
                        .map(file -> {
                            Path absolute = base.resolve(file).normalize();
                            if (!absolute.startsWith(base)) {
                                throw new IllegalStateException("Output " + file + " is outside the run's directory");
                            }
                            return base.relativize(absolute).toString();
                        })
                        .toList()));
        return relative;
    }

    @Override
    public void start() {
        started = true;
    }

    /** The node is stopping: its runs' processes are killed and the runs left as they are for the next start. */
    @Override
    public void stop() {
        stopping = true;
        started = false;
        working.values().forEach(RunControl::cancel);
    }

    @Override
    public boolean isRunning() {
        return started;
    }
}
