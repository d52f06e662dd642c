package org.fedimpute.registry.health;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** The system clock, which a test can stop at a chosen instant and release again. */
final class MutableClock extends Clock {

    private final AtomicReference<Instant> fixed = new AtomicReference<>();

    void fixAt(Instant instant) {
        fixed.set(instant);
    }

    void release() {
        fixed.set(null);
    }

    @Override
    public Instant instant() {
        Instant stopped = fixed.get();
        return stopped != null ? stopped : Instant.now();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("The test clock is UTC only");
    }
}
