package org.fedimpute.jobs.remote;

/** A remote job's state in the platform's terms, as PROTOCOLS.md maps Cloudgene codes and WES states. */
public enum RemoteState {
    /** Accepted and waiting on the remote side (Cloudgene 1; WES QUEUED, INITIALIZING). */
    QUEUED,
    /** Working, exporting included (Cloudgene 2, 3; WES RUNNING, PAUSED). */
    RUNNING,
    /** Finished; outputs are listed (Cloudgene 4, 8; WES COMPLETE). */
    COMPLETED,
    /** Failed or deleted remotely (Cloudgene 5, 9, -1, 10; WES EXECUTOR_ERROR, SYSTEM_ERROR). */
    FAILED,
    /** Cancelled, cancelling or retired (Cloudgene 6, 7; WES CANCELING, CANCELED). */
    CANCELLED,
    /** Pre-empted (WES PREEMPTED): the platform queues the job again and resubmits it. */
    PREEMPTED,
    /** The server does not know (WES UNKNOWN): leave the job as it is. */
    UNKNOWN
}
