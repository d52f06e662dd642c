package org.fedimpute.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The job finished and its results are stored in file-manager. */
public record JobCompleted(UUID jobId, UUID userId, UUID serviceId, List<UUID> resultFileIds, Instant occurredAt)
        implements JobEvent {

    public JobCompleted {
        resultFileIds = List.copyOf(resultFileIds);
    }
}
