package org.fedimpute.node.runs;

import java.util.EnumSet;
import java.util.Set;

/** The states of a WES 1.1 run, of which the node uses all but UNKNOWN, PAUSED and PREEMPTED. */
public enum RunState {
    UNKNOWN,
    QUEUED,
    INITIALIZING,
    RUNNING,
    PAUSED,
    COMPLETE,
    EXECUTOR_ERROR,
    SYSTEM_ERROR,
    CANCELED,
    CANCELING,
    PREEMPTED;

    /** The states of a run the node is working on. */
    static final Set<RunState> WORKING = EnumSet.of(INITIALIZING, RUNNING);

    /** The states in which a run's working has ended or is ending, so that it ends as recorded. */
    static final Set<RunState> ENDABLE = EnumSet.of(INITIALIZING, RUNNING, CANCELING);
}
