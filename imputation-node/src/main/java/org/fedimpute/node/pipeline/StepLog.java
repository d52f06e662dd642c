package org.fedimpute.node.pipeline;

import java.nio.file.Path;
import java.util.List;

/**
 * Where a run's steps are recorded as they begin and end, so that the WES API can serve them as task logs: a step's
 * standard output and error go to files the recorder chooses, and are served from there.
 */
public interface StepLog {

    /** Records that a step began, with the command it runs (a step done inside the node names what it does). */
    Step begin(String name, List<String> command);

    /** A step under way. */
    interface Step {

        /** The task id the WES API shows for this step. */
        String id();

        /** The file the step's standard output goes to; it exists and is empty when the step begins. */
        Path stdout();

        /** The file the step's standard error goes to; it exists and is empty when the step begins. */
        Path stderr();

        /** Records how the step ended: 0 for success, the process's exit code otherwise. */
        void end(int exitCode);
    }
}
