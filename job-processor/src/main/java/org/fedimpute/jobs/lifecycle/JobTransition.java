package org.fedimpute.jobs.lifecycle;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.fedimpute.platform.persistence.AssignedKeyEntity;

/** One change of a job's status, kept forever as its history: from what, to what, when, why, and what the server said. */
@Entity
@Table(name = "job_transition")
class JobTransition extends AssignedKeyEntity<UUID> {

    @Id
    private UUID id;

    /** The database's insertion order, which keeps transitions of the same instant in the order they happened. */
    @Column(insertable = false, updatable = false)
    private Long seq;

    @Column(name = "job_id", nullable = false, updatable = false)
    private UUID jobId;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_status", updatable = false)
    private JobStatus from;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_status", nullable = false, updatable = false)
    private JobStatus to;

    @Column(nullable = false, updatable = false)
    private Instant at;

    @Column(updatable = false)
    private String reason;

    @Column(name = "remote_state", updatable = false)
    private String remoteState;

    protected JobTransition() {}

    JobTransition(UUID jobId, JobStatus from, JobStatus to, Instant at, String reason, String remoteState) {
        this.id = UUID.randomUUID();
        this.jobId = jobId;
        this.from = from;
        this.to = to;
        this.at = at;
        this.reason = reason;
        this.remoteState = remoteState;
    }

    JobStatus from() {
        return from;
    }

    JobStatus to() {
        return to;
    }

    Instant at() {
        return at;
    }

    String reason() {
        return reason;
    }

    String remoteState() {
        return remoteState;
    }

    @Override
    public UUID getId() {
        return id;
    }
}
