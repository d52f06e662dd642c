package org.fedimpute.monitoring.analytics;

/**
 * The stages of a job in the read model, with their order: a job's status only ever moves to a stage of higher
 * rank, so a late or repeated event never takes it back. The three outcomes share the last rank: the first wins.
 */
enum JobStage {
    SUBMITTED(0, "submitted_at"),
    QUEUED(1, "queued_at"),
    RUNNING(2, "started_at"),
    COMPLETED(3, "finished_at"),
    FAILED(3, "finished_at"),
    CANCELLED(3, "finished_at");

    private final int rank;
    private final String timeColumn;

    JobStage(int rank, String timeColumn) {
        this.rank = rank;
        this.timeColumn = timeColumn;
    }

    boolean isAfter(JobStage other) {
        return rank > other.rank;
    }

    boolean isOutcome() {
        return rank == 3;
    }

    /** The column holding the time the job reached this stage. */
    String timeColumn() {
        return timeColumn;
    }
}
