package org.fedimpute.registry.sync;

/**
 * Why a server's catalogue could not be read, worded for the admin who reads the sync report; it never carries a
 * credential, and it has no stack trace because the reason is all there is to report.
 */
final class SyncFailure extends RuntimeException {

    private final int httpStatus;

    SyncFailure(String reason) {
        this(reason, 0);
    }

    SyncFailure(String reason, int httpStatus) {
        super(reason, null, false, false);
        this.httpStatus = httpStatus;
    }

    /** The HTTP status the server answered with, or 0 when the failure was not an HTTP answer. */
    int httpStatus() {
        return httpStatus;
    }
}
