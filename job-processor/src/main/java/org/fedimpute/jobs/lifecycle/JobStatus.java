package org.fedimpute.jobs.lifecycle;

/** Where a job is in its life, as PLATFORM.md's "Job lifecycle" names the states. */
public enum JobStatus {
    PENDING,
    QUEUED,
    RUNNING,
    COMPLETED,
    FAILED,
    CANCELLED;

    /** Whether the job has ended and will never change again. */
    public boolean terminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
