package org.fedimpute.jobs.lifecycle;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.fedimpute.platform.persistence.AssignedKeyEntity;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A researcher's imputation job: what was asked, where it went, where it is now and what it produced. Changes go
 * through {@link JobLedger}, which records each status change as a {@link JobTransition}; the version column makes a
 * second, concurrent change of the same job fail rather than apply twice.
 */
@Entity
@Table(name = "imputation_job")
class ImputationJob extends AssignedKeyEntity<UUID> {

    @Id
    private UUID id;

    @Column(name = "user_id", nullable = false)
    private UUID userId;

    @Column(name = "batch_id", updatable = false)
    private UUID batchId;

    @Column(name = "retry_of", updatable = false)
    private UUID retryOf;

    @Column(nullable = false)
    private String name;

    private String description;

    @Column(name = "service_id", nullable = false, updatable = false)
    private UUID serviceId;

    @Column(name = "service_slug", nullable = false, updatable = false)
    private String serviceSlug;

    @Column(name = "service_kind", nullable = false, updatable = false)
    private String serviceKind;

    @Column(name = "reference_panel", nullable = false, updatable = false)
    private String referencePanel;

    @Column(nullable = false, updatable = false)
    private String build;

    @Column(nullable = false, updatable = false)
    private String population;

    @Column(nullable = false, updatable = false)
    private String phasing;

    @Column(name = "r2_filter", nullable = false, updatable = false)
    private String r2Filter;

    @Column(nullable = false, updatable = false)
    private String mode;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "input_file_ids", nullable = false, updatable = false)
    private UUID[] inputFileIds;

    @Column(name = "input_bytes", nullable = false, updatable = false)
    private long inputBytes;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private JobStatus status;

    @Column(name = "remote_job_id")
    private String remoteJobId;

    @Column(name = "remote_state")
    private String remoteState;

    @Column(name = "queue_position")
    private Integer queuePosition;

    private String step;

    private String message;

    @Column(name = "failure_reason")
    private String failureReason;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "result_file_ids", nullable = false)
    private UUID[] resultFileIds;

    @Column(name = "result_password", nullable = false, updatable = false)
    private byte[] resultPassword;

    @Column(name = "poll_interval_ms", nullable = false)
    private long pollIntervalMs;

    @Column(name = "dispatch_attempts", nullable = false)
    private int dispatchAttempts;

    @Column(name = "unavailable_since")
    private Instant unavailableSince;

    @Column(name = "submit_started_at")
    private Instant submitStartedAt;

    @Column(name = "result_store_failures", nullable = false)
    private int resultStoreFailures;

    @Column(name = "cancel_requested_at")
    private Instant cancelRequestedAt;

    @Column(name = "cancel_asked_at")
    private Instant cancelAskedAt;

    @Column(name = "submitted_at", nullable = false, updatable = false)
    private Instant submittedAt;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected ImputationJob() {}

    ImputationJob(UUID id, NewJob job, byte[] encryptedPassword, Duration pollInterval, Instant now) {
        this.id = id;
        this.userId = job.userId();
        this.batchId = job.batchId();
        this.retryOf = job.retryOf();
        this.name = job.name();
        this.description = job.description();
        this.serviceId = job.serviceId();
        this.serviceSlug = job.serviceSlug();
        this.serviceKind = job.serviceKind();
        this.referencePanel = job.referencePanel();
        this.build = job.build();
        this.population = job.population();
        this.phasing = job.phasing();
        this.r2Filter = job.r2Filter();
        this.mode = job.mode();
        this.inputFileIds = job.inputFileIds().toArray(UUID[]::new);
        this.inputBytes = job.inputBytes();
        this.status = JobStatus.PENDING;
        this.resultFileIds = new UUID[0];
        this.resultPassword = encryptedPassword;
        this.pollIntervalMs = pollInterval.toMillis();
        this.submittedAt = now;
        this.updatedAt = now;
    }

    /**
     * Moves to {@code to}, noting the server's state that caused it when there is one; answers the status it left.
     * Ending stamps the finish time, running the start time.
     */
    JobStatus moveTo(JobStatus to, String remoteState, Instant now) {
        JobStatus from = status;
        status = to;
        if (remoteState != null) {
            this.remoteState = remoteState;
        }
        if (to == JobStatus.RUNNING && startedAt == null) {
            startedAt = now;
        }
        if (to.terminal()) {
            finishedAt = now;
        }
        updatedAt = now;
        return from;
    }

    /** Stores the remote server's report; answers whether the progress a researcher sees changed. */
    boolean report(String remoteState, Integer queuePosition, String step, String message, Instant now) {
        boolean changed = !Objects.equals(this.queuePosition, queuePosition)
                || !Objects.equals(this.step, step)
                || !Objects.equals(this.message, message);
        if (remoteState != null) {
            this.remoteState = remoteState;
        }
        this.queuePosition = queuePosition;
        this.step = step;
        this.message = message;
        this.updatedAt = now;
        return changed;
    }

    void sent(String remoteJobId, Instant now) {
        this.remoteJobId = remoteJobId;
        this.unavailableSince = null;
        this.submitStartedAt = null;
        this.updatedAt = now;
    }

    /** Notes that a submit to the server is about to begin; {@link #sent} or a refusal ends it. */
    void submitting(Instant now) {
        this.submitStartedAt = now;
        this.updatedAt = now;
    }

    /** The server answered a submit without taking the job (busy, say). */
    void submitRefused() {
        this.submitStartedAt = null;
    }

    /** Forgets the remote run (pre-empted) so the job is dispatched again. */
    void forgetRemoteRun(Instant now) {
        this.remoteJobId = null;
        this.unavailableSince = null;
        this.submitStartedAt = null;
        this.queuePosition = null;
        this.step = null;
        this.updatedAt = now;
    }

    /** Counts a result whose store failed after its download from the server began. */
    void resultStoreFailed() {
        resultStoreFailures++;
    }

    /** How many times storing a result failed after its download began; each such attempt spent a download. */
    public int resultStoreFailures() {
        return resultStoreFailures;
    }

    int countDispatchAttempt() {
        return ++dispatchAttempts;
    }

    /** Notes that the server could not be reached; answers since when it has been unreachable. */
    Instant unreachable(Instant now) {
        if (unavailableSince == null) {
            unavailableSince = now;
        }
        updatedAt = now;
        return unavailableSince;
    }

    void reachable() {
        unavailableSince = null;
    }

    /**
     * Whether the last call to the server failed without an answer, or a submit began and its answer was never
     * recorded (job-processor stopped during it): such a submit may still have reached the server, and the job is
     * looked for there before it is sent again.
     */
    boolean lastCallUnanswered() {
        return unavailableSince != null || submitStartedAt != null;
    }

    void fail(String reason) {
        this.failureReason = reason;
    }

    void complete(List<UUID> resultFiles) {
        this.resultFileIds = resultFiles.toArray(UUID[]::new);
    }

    /** Forgets who submitted the job and what they called it, keeping what the statistics need. */
    void anonymise(UUID nobody, Instant now) {
        this.userId = nobody;
        this.name = "deleted";
        this.description = null;
        this.updatedAt = now;
    }

    void requestCancel(Instant now) {
        this.cancelRequestedAt = now;
        this.updatedAt = now;
    }

    /**
     * Takes the turn to ask the server to cancel the job, unless it was asked less than {@code interval} ago (that ask
     * may still be on its way); answers whether the turn was taken.
     */
    boolean takeTurnToAskCancel(Instant now, Duration interval) {
        if (!mayAskCancel(now, interval)) {
            return false;
        }
        this.cancelAskedAt = now;
        this.updatedAt = now;
        return true;
    }

    /** Whether the server may be asked to cancel the job now: not asked yet, or last asked {@code interval} ago. */
    boolean mayAskCancel(Instant now, Duration interval) {
        return cancelAskedAt == null || !now.isBefore(cancelAskedAt.plus(interval));
    }

    Duration nextPollInterval(double backoff, Duration max) {
        long next = Math.min((long) (pollIntervalMs * backoff), max.toMillis());
        pollIntervalMs = Math.max(next, pollIntervalMs);
        return Duration.ofMillis(pollIntervalMs);
    }

    UUID id() {
        return id;
    }

    UUID userId() {
        return userId;
    }

    UUID batchId() {
        return batchId;
    }

    UUID retryOf() {
        return retryOf;
    }

    String name() {
        return name;
    }

    /** This job's configuration, to run it again in its batch. */
    NewJob retry() {
        return new NewJob(
                userId,
                name,
                description,
                serviceId,
                serviceSlug,
                serviceKind,
                referencePanel,
                build,
                population,
                phasing,
                r2Filter,
                mode,
                inputFileIds(),
                inputBytes,
                batchId,
                id,
                true);
    }

    String description() {
        return description;
    }

    UUID serviceId() {
        return serviceId;
    }

    String serviceSlug() {
        return serviceSlug;
    }

    String serviceKind() {
        return serviceKind;
    }

    String referencePanel() {
        return referencePanel;
    }

    String build() {
        return build;
    }

    String population() {
        return population;
    }

    String phasing() {
        return phasing;
    }

    String r2Filter() {
        return r2Filter;
    }

    String mode() {
        return mode;
    }

    List<UUID> inputFileIds() {
        return List.of(inputFileIds);
    }

    long inputBytes() {
        return inputBytes;
    }

    JobStatus status() {
        return status;
    }

    String remoteJobId() {
        return remoteJobId;
    }

    String remoteState() {
        return remoteState;
    }

    Integer queuePosition() {
        return queuePosition;
    }

    String step() {
        return step;
    }

    String message() {
        return message;
    }

    String failureReason() {
        return failureReason;
    }

    List<UUID> resultFileIds() {
        return List.of(resultFileIds);
    }

    byte[] resultPassword() {
        return resultPassword;
    }

    Instant cancelRequestedAt() {
        return cancelRequestedAt;
    }

    Instant submittedAt() {
        return submittedAt;
    }

    Instant startedAt() {
        return startedAt;
    }

    Instant finishedAt() {
        return finishedAt;
    }

    @Override
    public UUID getId() {
        return id;
    }
}
