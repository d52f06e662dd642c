package org.fedimpute.events;

import java.time.Instant;
import java.util.UUID;

/** The imputation service started working on the job. */
public record JobStarted(UUID jobId, UUID userId, UUID serviceId, String remoteJobId, Instant occurredAt)
        implements JobEvent {}
