package org.fedimpute.events;

import java.time.Instant;
import java.util.UUID;

/** The job was cancelled, by its owner, an admin or the remote server. */
public record JobCancelled(UUID jobId, UUID userId, UUID serviceId, String reason, Instant occurredAt)
        implements JobEvent {}
