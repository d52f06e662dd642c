package org.fedimpute.jobs.remote.calls;

/**
 * A failed attempt the server is to blame for (5xx, timeout, broken connection): the circuit breaker counts it, the
 * retry repeats it when it is repeatable (not once a download's body has started), and it reaches the caller as
 * {@code RemoteFailure.Unavailable}.
 */
final class ServerFailure extends RuntimeException {

    private final boolean repeatable;

    ServerFailure(String message, Throwable cause, boolean repeatable) {
        super(message, cause, false, false);
        this.repeatable = repeatable;
    }

    boolean repeatable() {
        return repeatable;
    }
}
