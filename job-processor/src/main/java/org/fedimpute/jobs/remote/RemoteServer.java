package org.fedimpute.jobs.remote;

import java.io.InputStream;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * One protocol a remote imputation server speaks, as the job lifecycle needs it: submit a job, read its state, cancel
 * it and stream its outputs. Implementations hold no per-job state (everything they need comes in the {@link
 * RemoteTarget} and the remote id), so a restarted job-processor carries on from what the database says.
 */
public interface RemoteServer {

    /** The kind of registered service this implementation talks to ({@code MICHIGAN} or {@code GA4GH_WES}). */
    String kind();

    /**
     * Sends a job; answers the remote server's id for it.
     *
     * @throws RemoteFailure.Busy when the server asks to try again later (for example Cloudgene's per-user limit)
     * @throws RemoteFailure.Rejected when the job can never be accepted as sent (bad token, bad parameter)
     * @throws RemoteFailure.Unavailable when the server cannot be reached or answers 5xx, after retries
     */
    String submit(RemoteTarget target, RemoteSubmission submission);

    /**
     * The server's id of the job it already holds for platform job {@code jobId}, left by an earlier submit whose
     * answer was lost (a timeout, a 5xx or a broken connection after the request went out); empty when it holds
     * none. Asked before a job is sent again, so that a lost answer never makes the job run twice.
     *
     * @throws RemoteFailure.Unavailable when the server cannot be asked; the job is then not sent either
     */
    Optional<String> findSubmitted(RemoteTarget target, UUID jobId);

    /** The job's state on the remote server, translated to the platform's terms. */
    RemoteStatus status(RemoteTarget target, String remoteId);

    /**
     * Asks the remote server to cancel the job and answers the state it reports afterwards (CANCELLED when it
     * confirmed at once; the lifecycle keeps polling otherwise).
     */
    RemoteStatus cancel(RemoteTarget target, String remoteId);

    /**
     * Streams one output of a finished job to {@code sink}, once (Cloudgene download budgets count every GET), and
     * answers what the sink answered.
     */
    <T> T download(RemoteTarget target, RemoteOutput output, Function<InputStream, T> sink);
}
