package org.fedimpute.jobs.lifecycle;

import java.time.Instant;

/** One transition in a job's history, as the API serves it. */
record JobHistoryEntry(JobStatus from, JobStatus to, Instant at, String reason, String remoteState) {

    static JobHistoryEntry of(JobTransition transition) {
        return new JobHistoryEntry(
                transition.from(), transition.to(), transition.at(), transition.reason(), transition.remoteState());
    }
}
