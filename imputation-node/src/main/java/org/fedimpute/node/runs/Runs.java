package org.fedimpute.node.runs;

import com.github.kagkarlsson.scheduler.Scheduler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What the WES API does with runs, each seen only by the hub that submitted it: submitting (checked, stored, then
 * queued, so the queue never holds a run the database has not), reading runs, their steps and files, and cancelling.
 */
@Service
public class Runs {

    private static final Logger log = LoggerFactory.getLogger(Runs.class);
    private static final int MAX_PAGE = 1000;

    private final RunRepository runs;
    private final TaskRepository tasks;
    private final RunChecks checks;
    private final RunWorkspace workspace;
    private final RunExecutor executor;
    private final ObjectProvider<Scheduler> queue;

    Runs(
            RunRepository runs,
            TaskRepository tasks,
            RunChecks checks,
            RunWorkspace workspace,
            RunExecutor executor,
            ObjectProvider<Scheduler> queue) {
        this.runs = runs;
        this.tasks = tasks;
        this.checks = checks;
        this.workspace = workspace;
        this.executor = executor;
        this.queue = queue;
    }

    /** Checks a request's fields before its files arrive; throws {@link RunRefused} saying what is wrong. */
    public void check(RunRequest request) {
        checks.check(request);
    }

    /**
     * Stores and queues a run whose attachments are already in its input directory, in one transaction (db-scheduler
     * takes part in Spring's), so that a run whose queueing failed is not left stored as QUEUED with nothing to work
     * it; throws {@link RunRefused} where the request is wrong or names no input at all. Once the transaction commits,
     * the queue looks for the run at once, rather than at its next poll.
     *
     * @param attachments the attachments, in the run's input directory
     */
    @Transactional
    public void submit(UUID runId, String hub, RunRequest request, List<Path> attachments) {
        RunChecks.Checked checked = checks.check(request);
        if (attachments.isEmpty() && checked.inputUrls().isEmpty()) {
            throw new RunRefused("The run has no input: send the genotype file as a workflow_attachment, or its URL"
                    + " as workflow_params.input");
        }
        Path workDir = workspace.dir(runId);
        List<String> inputs = attachments.stream()
                .map(file -> workDir.relativize(file).toString())
                .toList();
        runs.insert(runId, hub, request, workDir, inputs);
        queue.getObject().schedule(RunQueue.instance(runId), Instant.now());
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                queue.getObject().triggerCheckForDueExecutions();
            }
        });
        log.info("Run {} of hub {} queued", runId, hub);
    }

    public Optional<Run> run(String hub, UUID runId) {
        return runs.find(hub, runId);
    }

    /** A page of the hub's runs, newest first; {@code pageToken} is the previous page's next token, or null. */
    public RunPage page(String hub, int pageSize, String pageToken) {
        int size = pageSize(pageSize);
        List<Run> found = runs.page(
                hub, pageToken == null || pageToken.isBlank() ? null : RunPageToken.decode(pageToken), size + 1);
        List<Run> page = found.subList(0, Math.min(size, found.size()));
        String next = found.size() > size ? RunPageToken.after(page.getLast()).encode() : "";
        return new RunPage(page, next);
    }

    /** The step running now or run last, where the run has begun any. */
    public Optional<Task> latestStep(Run run) {
        return tasks.latest(run.runId());
    }

    /** A page of the run's steps in the order they began; {@code pageToken} is the previous page's, or null. */
    public TaskPage tasks(Run run, int pageSize, String pageToken) {
        int size = pageSize(pageSize);
        int after = 0;
        if (pageToken != null && !pageToken.isBlank()) {
            try {
                after = Integer.parseInt(pageToken);
            } catch (NumberFormatException e) {
                throw new RunRefused("page_token is not one this node gave");
            }
        }
        List<Task> found = tasks.page(run.runId(), after, size + 1);
        List<Task> page = found.subList(0, Math.min(size, found.size()));
        return new TaskPage(page, found.size() > size ? page.getLast().id() : "");
    }

    public Optional<Task> task(Run run, String taskId) {
        try {
            return tasks.find(run.runId(), Integer.parseInt(taskId));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The run's own log of {@code stdout} or {@code stderr}, empty where it has written none. */
    public Optional<Path> runLog(Run run, String stream) {
        return existing(workspace.runLog(run.runId(), stream));
    }

    /** The {@code index}th file of the run's output {@code name}, where the run has it. */
    public Optional<Path> output(Run run, String name, int index) {
        List<String> files = run.outputs().getOrDefault(name, List.of());
        return index < 0 || index >= files.size()
                ? Optional.empty()
                : existing(run.workDir().resolve(files.get(index)));
    }

    /**
     * Cancels the hub's run: a queued one is CANCELED at once, a working one goes CANCELING until its processes are
     * killed; an ended run is left as it is. Empty where the hub has no such run.
     */
    public Optional<Run> cancel(String hub, UUID runId) {
        Optional<Run> found = runs.find(hub, runId);
        if (found.isEmpty()) {
            return found;
        }
        if (runs.end(runId, Set.of(RunState.QUEUED), RunState.CANCELED, null, Map.of(), null)) {
            unqueue(runId);
        } else if (runs.move(runId, RunState.WORKING, RunState.CANCELING) && !executor.cancel(runId)) {
            // Not worked by this process (it has just ended, or a previous process left it): nothing to kill.
            runs.end(runId, Set.of(RunState.CANCELING), RunState.CANCELED, null, Map.of(), null);
        }
        log.info("Run {} of hub {} cancel asked", runId, hub);
        return runs.find(runId);
    }

    /** How many runs the node has in each state, every state listed. */
    public Map<RunState, Long> stateCounts() {
        return runs.counts();
    }

    /** Removes what a refused submission had stored. */
    public void discard(UUID runId) {
        workspace.remove(runId);
    }

    private void unqueue(UUID runId) {
        try {
            queue.getObject().cancel(RunQueue.instance(runId));
        } catch (RuntimeException alreadyPicked) {
            // The executor finds the run CANCELED and leaves it.
            log.debug("Run {} was already taken from the queue", runId);
        }
    }

    private static int pageSize(int pageSize) {
        if (pageSize < 1) {
            throw new RunRefused("page_size must be at least 1");
        }
        return Math.min(pageSize, MAX_PAGE);
    }

    private static Optional<Path> existing(Path file) {
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /** A page of runs and the token of the next, empty on the last page. */
    public record RunPage(List<Run> runs, String nextPageToken) {}

    /** A page of a run's steps and the token of the next, empty on the last page. */
    public record TaskPage(List<Task> tasks, String nextPageToken) {}
}
