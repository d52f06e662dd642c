package org.fedimpute.events;

import java.time.Instant;
import java.util.UUID;

/** A researcher submitted a job; its input is being checked. */
public record JobSubmitted(
        UUID jobId,
        UUID userId,
        UUID serviceId,
        String jobName,
        String referencePanel,
        String build,
        long inputBytes,
        Instant occurredAt)
        implements JobEvent {}
