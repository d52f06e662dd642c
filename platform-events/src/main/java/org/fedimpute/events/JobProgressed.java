package org.fedimpute.events;

import java.time.Instant;
import java.util.UUID;

/** The remote server reported progress: a step name, a message, a percentage where it gives one. */
public record JobProgressed(
        UUID jobId, UUID userId, UUID serviceId, Integer percent, String step, String message, Instant occurredAt)
        implements JobEvent {}
