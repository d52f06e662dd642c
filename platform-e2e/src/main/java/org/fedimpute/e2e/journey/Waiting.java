package org.fedimpute.e2e.journey;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** The journey's patience: asking again until an answer is there or a bounded time has passed. */
public final class Waiting {

    private Waiting() {}

    /**
     * Asks {@code probe} every {@code interval} until it gives a value, or fails after {@code timeout} with what
     * {@code lastSeen} says was seen last.
     */
    public static <T> T until(
            Duration timeout, Duration interval, Supplier<Optional<T>> probe, Supplier<String> lastSeen) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() > deadline) {
                throw new JourneyFailure("not within " + timeout + ": " + lastSeen.get());
            }
            pause(interval);
        }
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JourneyFailure("interrupted while waiting", e);
        }
    }
}
