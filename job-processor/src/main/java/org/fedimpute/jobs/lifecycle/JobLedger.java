package org.fedimpute.jobs.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fedimpute.events.JobCancelled;
import org.fedimpute.events.JobCompleted;
import org.fedimpute.events.JobEvent;
import org.fedimpute.events.JobFailed;
import org.fedimpute.events.JobProgressed;
import org.fedimpute.events.JobQueued;
import org.fedimpute.events.JobStarted;
import org.fedimpute.events.JobSubmitted;
import org.fedimpute.jobs.remote.RemoteStatus;
import org.fedimpute.platform.events.EventOutbox;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The only writer of jobs: each method changes one job in one transaction, stores the transition it made and
 * publishes its event through the outbox in that same transaction. A method called for a job already past the state
 * it expects (a redelivered poll, a cancel racing a completion) changes nothing.
 */
@Component
class JobLedger {

    private final ImputationJobRepository jobs;
    private final JobTransitionRepository transitions;
    private final EventOutbox outbox;
    private final Clock clock;
    private final LifecycleProperties properties;
    private final JobMeters meters;

    JobLedger(
            ImputationJobRepository jobs,
            JobTransitionRepository transitions,
            EventOutbox outbox,
            Clock clock,
            LifecycleProperties properties,
            JobMeters meters) {
        this.jobs = jobs;
        this.transitions = transitions;
        this.outbox = outbox;
        this.clock = clock;
        this.properties = properties;
        this.meters = meters;
    }

    /**
     * Stores a checked submission as PENDING and queues it at once when its inputs were checked at submission; one
     * whose inputs file-manager is still validating stays PENDING until {@link #inputsValidated}.
     */
    @Transactional
    ImputationJob create(UUID id, NewJob job, byte[] encryptedPassword) {
        Instant now = now();
        ImputationJob created =
                jobs.save(new ImputationJob(id, job, encryptedPassword, properties.pollInterval(), now));
        transitions.save(new JobTransition(id, null, JobStatus.PENDING, now, "submitted", null));
        meters.transitioned(created, JobStatus.PENDING);
        outbox.publish(new JobSubmitted(
                id,
                job.userId(),
                job.serviceId(),
                job.name(),
                job.referencePanel(),
                job.build(),
                job.inputBytes(),
                now));
        if (job.inputsValidated()) {
            move(created, JobStatus.QUEUED, "inputs checked; waiting to be sent to " + job.serviceSlug(), null);
        }
        return created;
    }

    /** Queues a PENDING job whose inputs file-manager has now found valid. */
    @Transactional
    void inputsValidated(UUID id) {
        ImputationJob job = require(id);
        if (job.status() == JobStatus.PENDING) {
            move(job, JobStatus.QUEUED, "inputs validated; waiting to be sent to " + job.serviceSlug(), null);
        }
    }

    @Transactional(readOnly = true)
    Optional<ImputationJob> find(UUID id) {
        return jobs.findById(id);
    }

    @Transactional(readOnly = true)
    List<JobTransition> history(UUID id) {
        return transitions.findByJobIdOrderBySeqAsc(id);
    }

    /**
     * Records that the server accepted the job under {@code remoteJobId}; answers false when the job is no longer
     * waiting to be sent (it was cancelled meanwhile, or sent under another id), in which case the remote run should
     * be cancelled. The same id recorded already (another instance, taking over a dispatch it thought dead, found the
     * run on the server and recorded it first) answers true: that run is the job's own.
     */
    @Transactional
    boolean sent(UUID id, String remoteJobId) {
        ImputationJob job = require(id);
        if (remoteJobId.equals(job.remoteJobId())) {
            return true;
        }
        if (job.status() != JobStatus.QUEUED || job.remoteJobId() != null) {
            return false;
        }
        job.sent(remoteJobId, now());
        return true;
    }

    /** Stores a QUEUED or RUNNING report from the server: the start when it began, progress when it changed. */
    @Transactional
    void progress(UUID id, RemoteStatus status, JobStatus reported) {
        ImputationJob job = require(id);
        if (job.status().terminal()) {
            return;
        }
        job.reachable();
        if (reported == JobStatus.RUNNING && job.status() == JobStatus.QUEUED) {
            job.report(status.remoteState(), status.queuePosition(), status.step(), status.message(), now());
            move(job, JobStatus.RUNNING, "running on " + job.serviceSlug(), status.remoteState());
            return;
        }
        if (job.report(status.remoteState(), status.queuePosition(), status.step(), status.message(), now())) {
            publish(new JobProgressed(job.id(), job.userId(), job.serviceId(), null, job.step(), job.message(), now()));
        }
    }

    /**
     * Notes, before the call, that the job is being submitted, in a transaction of its own: if job-processor stops
     * after the server took the job and before {@link #sent} stored its answer, the next attempt looks the job up on the
     * server instead of sending it again.
     */
    @Transactional
    void submitting(UUID id) {
        require(id).submitting(now());
    }

    /** Notes a busy server's answer and counts the attempt; answers how many attempts were made. */
    @Transactional
    int busy(UUID id, String message) {
        ImputationJob job = require(id);
        job.reachable();
        job.submitRefused();
        job.report(job.remoteState(), job.queuePosition(), job.step(), message, now());
        return job.countDispatchAttempt();
    }

    /** Counts a store of one of the job's results that failed after its download from the server began. */
    @Transactional
    void resultStoreFailed(UUID id) {
        require(id).resultStoreFailed();
    }

    /** Counts a dispatch attempt that could not reach the server. */
    @Transactional
    int countDispatchAttempt(UUID id) {
        return require(id).countDispatchAttempt();
    }

    /**
     * Notes that the job's server could not be reached; once it has been unreachable longer than the configured
     * limit the job fails, and this answers true.
     */
    @Transactional
    boolean unreachable(UUID id, String serviceName, String message) {
        ImputationJob job = require(id);
        if (job.status().terminal()) {
            return true;
        }
        Instant since = job.unreachable(now());
        Duration gone = Duration.between(since, now());
        if (gone.compareTo(properties.remoteGoneLimit()) <= 0) {
            return false;
        }
        job.fail(serviceName + " has been unreachable for longer than " + properties.remoteGoneLimit() + " (" + message
                + ")");
        move(job, JobStatus.FAILED, job.failureReason(), job.remoteState());
        return true;
    }

    /**
     * Stores the job's results and completes it. A job the server ran wholly between two polls (seen QUEUED, then
     * done) is recorded as started first, so its history, its {@code job.started} event and its start time are there
     * like any other's.
     */
    @Transactional
    void complete(UUID id, List<UUID> resultFileIds, String remoteState) {
        ImputationJob job = require(id);
        if (job.status().terminal()) {
            return;
        }
        job.reachable();
        if (job.status() == JobStatus.QUEUED) {
            move(job, JobStatus.RUNNING, "ran on " + job.serviceSlug() + " between two polls", remoteState);
        }
        job.complete(resultFileIds);
        move(job, JobStatus.COMPLETED, resultFileIds.size() + " result file(s) stored", remoteState);
    }

    @Transactional
    void fail(UUID id, String reason, String remoteState) {
        ImputationJob job = require(id);
        if (job.status().terminal()) {
            return;
        }
        job.fail(reason);
        move(job, JobStatus.FAILED, reason, remoteState);
    }

    @Transactional
    void cancelled(UUID id, String reason, String remoteState) {
        ImputationJob job = require(id);
        if (job.status().terminal()) {
            return;
        }
        move(job, JobStatus.CANCELLED, reason, remoteState);
    }

    /**
     * Puts a pre-empted job back in the queue and forgets its remote run, so that it is sent again; a job whose
     * cancellation was requested is cancelled instead. Answers whether the job is to be sent again.
     *
     * @param preemption what the server did, for the transition's reason ("pre-empted on ...")
     */
    @Transactional
    boolean requeue(UUID id, String preemption, String remoteState) {
        ImputationJob job = require(id);
        if (job.status().terminal()) {
            return false;
        }
        if (job.cancelRequestedAt() != null) {
            move(job, JobStatus.CANCELLED, "cancelled as requested; " + preemption, remoteState);
            return false;
        }
        String reason = preemption + "; queued again";
        job.forgetRemoteRun(now());
        if (job.status() == JobStatus.QUEUED) {
            transitions.save(new JobTransition(id, JobStatus.QUEUED, JobStatus.QUEUED, now(), reason, remoteState));
            meters.transitioned(job, JobStatus.QUEUED);
            publish(new JobQueued(id, job.userId(), job.serviceId(), null, now()));
        } else {
            move(job, JobStatus.QUEUED, reason, remoteState);
        }
        return true;
    }

    /** Lengthens the wait before the job's next poll and answers it. */
    @Transactional
    Duration nextPollInterval(UUID id) {
        return require(id).nextPollInterval(properties.pollBackoff(), properties.maxPollInterval());
    }

    /**
     * Cancels a job not yet sent at once; for a sent one, notes the request and gives the caller the turn to ask the
     * server, unless it was asked moments ago, and the polls wait for its confirmation.
     */
    @Transactional
    CancelRequest requestCancel(UUID id, String reason) {
        ImputationJob job = require(id);
        if (job.status().terminal()) {
            return CancelRequest.ALREADY_ENDED;
        }
        if (job.remoteJobId() == null) {
            move(job, JobStatus.CANCELLED, reason, null);
            return CancelRequest.CANCELLED;
        }
        if (job.cancelRequestedAt() == null) {
            job.requestCancel(now());
        }
        return job.takeTurnToAskCancel(now(), properties.cancelAskInterval())
                ? CancelRequest.SENT_TO_SERVER
                : CancelRequest.ASKED_ALREADY;
    }

    /**
     * Whether a poll should ask the server again to cancel the job, now that the server has not confirmed. The turn
     * is handed out under the row's lock, to one asker at a time, and only once the last ask began a cancel-ask
     * interval ago (longer than an ask can take), so a poll running while the request itself asks does not ask too.
     */
    @Transactional
    boolean takeTurnToAskCancel(UUID id) {
        ImputationJob job = require(id);
        return !job.status().terminal()
                && job.cancelRequestedAt() != null
                && job.takeTurnToAskCancel(now(), properties.cancelAskInterval());
    }

    /**
     * Whether a poll that read {@code job} may try to take the turn to ask the server again: a look at what it read,
     * so that the polls inside the interval take no row lock; {@link #takeTurnToAskCancel} decides.
     */
    boolean mayAskCancelAgain(ImputationJob job) {
        return job.cancelRequestedAt() != null && job.mayAskCancel(now(), properties.cancelAskInterval());
    }

    /**
     * Cancels every unfinished job of a deleted user at once, without waiting for servers to confirm, and anonymises
     * all their jobs; answers the ids of the cancelled jobs that had been sent, whose servers should be told.
     */
    @Transactional
    List<UUID> forgetUser(UUID userId, UUID nobody) {
        List<UUID> sent = new ArrayList<>();
        for (ImputationJob job : jobs.findByUserId(userId)) {
            if (!job.status().terminal()) {
                if (job.remoteJobId() != null) {
                    sent.add(job.id());
                }
                move(job, JobStatus.CANCELLED, "cancelled: the account was deleted", job.remoteState());
            }
            job.anonymise(nobody, now());
        }
        return sent;
    }

    /** Whether a cancellation the server has not confirmed has waited longer than the configured timeout. */
    boolean cancelTimedOut(ImputationJob job) {
        return job.cancelRequestedAt() != null
                && Duration.between(job.cancelRequestedAt(), now()).compareTo(properties.cancelTimeout()) > 0;
    }

    Duration cancelTimeout() {
        return properties.cancelTimeout();
    }

    private void move(ImputationJob job, JobStatus to, String reason, String remoteState) {
        Instant now = now();
        JobStatus from = job.moveTo(to, remoteState, now);
        transitions.save(new JobTransition(job.id(), from, to, now, reason, remoteState));
        meters.transitioned(job, to);
        publish(
                switch (to) {
                    case PENDING -> throw new IllegalStateException("A job never returns to PENDING");
                    case QUEUED -> new JobQueued(job.id(), job.userId(), job.serviceId(), job.queuePosition(), now);
                    case RUNNING -> new JobStarted(job.id(), job.userId(), job.serviceId(), job.remoteJobId(), now);
                    case COMPLETED ->
                        new JobCompleted(job.id(), job.userId(), job.serviceId(), job.resultFileIds(), now);
                    case FAILED -> new JobFailed(job.id(), job.userId(), job.serviceId(), reason, now);
                    case CANCELLED -> new JobCancelled(job.id(), job.userId(), job.serviceId(), reason, now);
                });
    }

    private void publish(JobEvent event) {
        outbox.publish(event);
    }

    private ImputationJob require(UUID id) {
        return jobs.lockById(id).orElseThrow(() -> new IllegalStateException("No job " + id));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** What a cancel request did. */
    enum CancelRequest {
        CANCELLED,
        SENT_TO_SERVER,
        /** The server was asked moments ago; the polls ask again while it does not confirm. */
        ASKED_ALREADY,
        ALREADY_ENDED
    }
}
