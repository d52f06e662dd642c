package org.fedimpute.events;

import java.time.Instant;
import java.util.UUID;

/** The job failed; the reason is written for the researcher. */
public record JobFailed(UUID jobId, UUID userId, UUID serviceId, String reason, Instant occurredAt)
        implements JobEvent {}
