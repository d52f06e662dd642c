package org.fedimpute.e2e.journey;

/** Why a step of the journey did not go as a researcher expects: the message says what was seen instead. */
public final class JourneyFailure extends RuntimeException {

    public JourneyFailure(String message) {
        super(message);
    }

    public JourneyFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
