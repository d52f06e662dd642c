package org.fedimpute.events;

import java.time.Instant;
import java.util.UUID;

/** The job was accepted and waits for a slot, on the platform or in the remote server's queue. */
public record JobQueued(UUID jobId, UUID userId, UUID serviceId, Integer queuePosition, Instant occurredAt)
        implements JobEvent {}
