package org.fedimpute.jobs.remote;

import java.util.List;

/**
 * What the remote server says about a job, translated.
 *
 * @param state the platform state the remote state maps to
 * @param remoteState the server's own state, as it gave it ({@code "3"}, {@code "EXECUTOR_ERROR"}), for the history
 * @param queuePosition the position in the remote queue where the server gives one, else null
 * @param step the name of the step running now where the server gives one, else null
 * @param message the latest progress message, else null
 * @param failureReason why it failed, written for the researcher (WES: the run log's stderr excerpt); null unless
 *     FAILED
 * @param outputs the result files; empty until COMPLETED
 */
public record RemoteStatus(
        RemoteState state,
        String remoteState,
        Integer queuePosition,
        String step,
        String message,
        String failureReason,
        List<RemoteOutput> outputs) {

    public RemoteStatus {
        outputs = outputs == null ? List.of() : List.copyOf(outputs);
    }
}
