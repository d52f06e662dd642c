package org.fedimpute.jobs.remote.calls;

import org.fedimpute.jobs.remote.RemoteFailure;
import org.fedimpute.jobs.remote.RemoteTarget;
import tools.jackson.databind.JsonNode;

/**
 * What a protocol makes of an answer below 500 that is not a success (a 4xx): such answers are never retried, so
 * each client says whether the server is busy or the request can never succeed, in the researcher's words.
 */
@FunctionalInterface
public interface Refusals {

    /**
     * @param status the HTTP status, 300 to 499
     * @param answer the server's error document, or a missing node when the body was not JSON
     */
    RemoteFailure refusal(int status, JsonNode answer);

    /** The request can never succeed as sent; carries the server's own message where it gave one. */
    static RemoteFailure.Rejected refused(RemoteTarget target, int status, String message) {
        return new RemoteFailure.Rejected(target.displayName() + " refused the request (HTTP " + status + ")"
                + (message == null || message.isBlank() ? "" : ": " + message));
    }

    /** The researcher's token for this server no longer works. */
    static RemoteFailure.Rejected invalidToken(RemoteTarget target) {
        return new RemoteFailure.Rejected("Your token for " + target.displayName()
                + " is invalid or expired; create a new one there and save it in your FedImpute profile.");
    }
}
