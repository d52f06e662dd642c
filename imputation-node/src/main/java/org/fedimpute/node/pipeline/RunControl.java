package org.fedimpute.node.pipeline;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The handle by which a run is cancelled while it works: the pipeline registers each engine process it starts, and
 * {@link #cancel()} kills them with their children (the Debian {@code beagle} command is a shell script that starts
 * a JVM) and stops further steps.
 */
public final class RunControl {

    private final Set<Process> processes = ConcurrentHashMap.newKeySet();
    private volatile boolean cancelled;

    /** Asks the run to stop: kills its running processes and every process they started. */
    public void cancel() {
        cancelled = true;
        processes.forEach(RunControl::kill);
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Registers a started process so that a cancel kills it; one started after a cancel is killed at once. */
    public Process track(Process process) {
        processes.add(process);
        process.onExit().thenRun(() -> processes.remove(process));
        if (cancelled) {
            kill(process);
        }
        return process;
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
