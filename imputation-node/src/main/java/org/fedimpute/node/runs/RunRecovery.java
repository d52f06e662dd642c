package org.fedimpute.node.runs;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Settles, as the node starts and before its queue does, the runs a previous process of the node left: working ones
 * become SYSTEM_ERROR (their processes died with it), canceling ones CANCELED, and queued ones are queued again
 * where their queue entry was lost. A working directory no run owns (the files of a submission cut short by the
 * process dying, before its run was stored) is removed: genotypes nobody can reach any more.
 */
@Component
class RunRecovery implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(RunRecovery.class);

    private final RunRepository runs;
    private final RunExecutor executor;
    private final RunWorkspace workspace;
    private final SchedulerClient scheduler;

    RunRecovery(RunRepository runs, RunExecutor executor, RunWorkspace workspace, @Lazy SchedulerClient scheduler) {
        this.runs = runs;
        this.executor = executor;
        this.workspace = workspace;
        this.scheduler = scheduler;
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (UUID runId : runs.idsIn(EnumSet.of(RunState.INITIALIZING, RunState.RUNNING, RunState.CANCELING))) {
            executor.settleInterrupted(runId);
            log.warn("Run {} was interrupted by a restart of the node and is settled", runId);
        }
        for (UUID runId : runs.idsIn(Set.of(RunState.QUEUED))) {
            scheduler.scheduleIfNotExists(RunQueue.instance(runId), Instant.now());
        }
        removeOrphanedFiles();
    }

    /** Best effort: files that cannot be listed or removed are logged, and the node starts all the same. */
    private void removeOrphanedFiles() {
        List<UUID> withDirectories;
        try {
            withDirectories = workspace.runsWithDirectories();
        } catch (UncheckedIOException e) {
            log.warn("Could not look for the files of submissions cut short: {}", e.getMessage());
            return;
        }
        for (UUID orphan : withDirectories) {
            if (runs.find(orphan).isEmpty()) {
                try {
                    workspace.remove(orphan);
                    log.warn("Removed the files of submission {}, cut short before its run was stored", orphan);
                } catch (UncheckedIOException e) {
                    log.warn("Could not remove the files of submission {}: {}", orphan, e.getMessage());
                }
            }
        }
    }
}
