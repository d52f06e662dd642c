package org.fedimpute.test.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The system clock (UTC) that a test can move forward, to make hours pass for time limits, expiries and schedules, or
 * stop at a chosen instant; {@link #reset()} makes it the system clock again. Services take a {@link Clock} bean, so
 * a test puts this one in its place (see {@link MovableClockConfiguration}).
 */
public final class MovableClock extends Clock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);
    private final AtomicReference<Instant> stoppedAt = new AtomicReference<>();

    /** Moves the clock forward (or, with a negative duration, back) by {@code by} from wherever it is. */
    public void advance(Duration by) {
        Instant stopped = stoppedAt.get();
        if (stopped != null) {
            stoppedAt.set(stopped.plus(by));
        } else {
            offset.updateAndGet(current -> current.plus(by));
        }
    }

    /** Stops the clock at {@code instant} until it is moved or reset. */
    public void fixAt(Instant instant) {
        stoppedAt.set(instant);
    }

    /** Makes the clock the system clock again. */
    public void reset() {
        stoppedAt.set(null);
        offset.set(Duration.ZERO);
    }

    @Override
    public Instant instant() {
        Instant stopped = stoppedAt.get();
        return stopped != null ? stopped : Instant.now().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("The platform's services work in UTC");
    }
}
