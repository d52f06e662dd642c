package org.fedimpute.jobs.remote;

/**
 * Why a call to a remote server did not give an answer, in the three kinds the job lifecycle treats differently.
 * Messages are written for researchers and never carry a token.
 */
public abstract sealed class RemoteFailure extends RuntimeException
        permits RemoteFailure.Busy, RemoteFailure.Rejected, RemoteFailure.Unavailable {

    RemoteFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** The server is up but asks to try later (Cloudgene's per-user job limit): keep the job queued. */
    public static final class Busy extends RemoteFailure {
        public Busy(String message) {
            super(message, null);
        }
    }

    /** The request can never succeed as sent (401 bad token, 400 bad parameter, 404 unknown job): fail the job. */
    public static final class Rejected extends RemoteFailure {
        public Rejected(String message) {
            super(message, null);
        }
    }

    /**
     * The server could not be reached or kept failing (timeouts, 5xx, 503 maintenance, open circuit, full bulkhead):
     * try again later, and fail the job only when the server has been gone longer than the configured limit.
     */
    public static final class Unavailable extends RemoteFailure {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
