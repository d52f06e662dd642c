package org.fedimpute.events;

import java.time.Instant;
import java.util.UUID;

/** Events published by job-processor, one per transition of an imputation job and per progress report. */
public sealed interface JobEvent extends PlatformEvent
        permits JobSubmitted, JobQueued, JobStarted, JobProgressed, JobCompleted, JobFailed, JobCancelled {

    UUID jobId();

    UUID userId();

    UUID serviceId();

    Instant occurredAt();

    @Override
    default String subject() {
        return jobId().toString();
    }
}
