package org.fedimpute.jobs.lifecycle;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.exceptions.DbSchedulerException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fedimpute.platform.jdbc.AdvisoryLocks;
import org.fedimpute.platform.secrets.SecretCipher;
import org.fedimpute.platform.web.PageResponse;
import org.fedimpute.platform.web.Problems;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Lazy;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.ErrorResponseException;

/**
 * The job API's operations: accepting a checked submission into the durable queue, reading jobs (a user's own, or
 * any for an admin; another user's job is "not found"), their history and statistics, and cancelling.
 */
@Service
public class Jobs {

    static final int MAX_PAGE_SIZE = 100;

    private static final String PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final int PASSWORD_LENGTH = 24;

    private final JobLedger ledger;
    private final ImputationJobRepository jobs;
    private final SchedulerClient scheduler;
    private final ObjectProvider<Scheduler> pollingScheduler;
    private final JobWork work;
    private final SecretCipher cipher;
    private final JdbcClient jdbc;
    private final SecureRandom random = new SecureRandom();

    Jobs(
            JobLedger ledger,
            ImputationJobRepository jobs,
            @Lazy SchedulerClient scheduler,
            ObjectProvider<Scheduler> pollingScheduler,
            JobWork work,
            SecretCipher cipher,
            JdbcClient jdbc) {
        this.ledger = ledger;
        this.jobs = jobs;
        this.scheduler = scheduler;
        this.pollingScheduler = pollingScheduler;
        this.work = work;
        this.cipher = cipher;
        this.jdbc = jdbc;
    }

    /**
     * Stores the job, queued, with a fresh result password, and schedules its dispatch in the same transaction; once
     * that commits, this instance looks for due work at once rather than at its next poll.
     */
    @Transactional
    public JobView accept(NewJob job) {
        UUID id = UUID.randomUUID();
        byte[] password =
                cipher.encrypt(generatePassword().getBytes(StandardCharsets.UTF_8), JobWork.passwordContext(id));
        ImputationJob created = ledger.create(id, job, password);
        scheduler.schedule(JobTasks.dispatch(id), Instant.now());
        dispatchAfterCommit();
        return JobView.of(created, null);
    }

    /** Stores and queues a batch's jobs together, all or none, and answers the batch. */
    @Transactional
    public JobBatch acceptAll(UUID batchId, List<NewJob> batch) {
        batch.forEach(this::accept);
        return JobBatch.of(batchId, jobs.findByBatchIdOrderBySubmittedAtAscNameAsc(batchId));
    }

    /** The configurations to run the batch's failed (and not yet retried) jobs again with. */
    @Transactional(readOnly = true)
    public List<NewJob> retriesOfFailed(UUID batchId, Caller caller) {
        return batch(batchId, caller).jobs().stream()
                .filter(job -> job.status() == JobStatus.FAILED)
                .map(job -> jobs.findById(job.id()).orElseThrow().retry())
                .toList();
    }

    /** The batch with its progress; a batch with none of the caller's jobs is "not found". */
    @Transactional(readOnly = true)
    public JobBatch batch(UUID batchId, Caller caller) {
        List<ImputationJob> all = jobs.findByBatchIdOrderBySubmittedAtAscNameAsc(batchId).stream()
                .filter(job -> caller.admin() || job.userId().equals(caller.userId()))
                .toList();
        if (all.isEmpty()) {
            throw Problems.error(HttpStatus.NOT_FOUND, "No such batch");
        }
        return JobBatch.of(batchId, all);
    }

    /** Cancels every job of the batch that is still queued; one that ends meanwhile is left as it ended. */
    JobBatch cancelQueued(UUID batchId, Caller caller) {
        batch(batchId, caller).jobs().stream()
                .filter(job -> job.status() == JobStatus.QUEUED)
                .forEach(job -> cancelUnlessEnded(job.id(), caller));
        return batch(batchId, caller);
    }

    /**
     * Makes the caller's transaction take its turn among the user's submissions: it waits until any other one has
     * committed or rolled back, so the quota it counts next includes that one's jobs.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void takeTurnToSubmit(UUID userId) {
        AdvisoryLocks.forTransaction(jdbc, "job-submission:" + userId);
    }

    /** What the user's jobs count against the quotas: those not ended, and those submitted since {@code monthStart}. */
    @Transactional(readOnly = true)
    public JobUsage usage(UUID userId, Instant monthStart) {
        return jobs.usageOf(userId, monthStart);
    }

    @Transactional(readOnly = true)
    JobView view(UUID id, Caller caller) {
        ImputationJob job = visible(id, caller);
        boolean owner = job.userId().equals(caller.userId());
        String password = owner && job.status() == JobStatus.COMPLETED
                ? new String(cipher.decrypt(job.resultPassword(), JobWork.passwordContext(id)), StandardCharsets.UTF_8)
                : null;
        return JobView.of(job, password);
    }

    @Transactional(readOnly = true)
    List<JobHistoryEntry> history(UUID id, Caller caller) {
        visible(id, caller);
        return ledger.history(id).stream().map(JobHistoryEntry::of).toList();
    }

    /** A page of one user's jobs, or of everyone's when {@code userId} is null, newest first. */
    @Transactional(readOnly = true)
    PageResponse<JobView> page(UUID userId, JobStatus status, int page, int size) {
        if (page < 0 || page > PageResponse.MAX_PAGE) {
            throw Problems.invalidField("page", "must be between 0 and " + PageResponse.MAX_PAGE);
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw Problems.invalidField("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        PageRequest request = PageRequest.of(page, size, Sort.by(Sort.Direction.DESC, "submittedAt"));
        Page<ImputationJob> found;
        if (userId == null) {
            found = status == null ? jobs.findAll(request) : jobs.findByStatus(status, request);
        } else {
            found = status == null
                    ? jobs.findByUserId(userId, request)
                    : jobs.findByUserIdAndStatus(userId, status, request);
        }
        return PageResponse.of(found, job -> JobView.of(job, null));
    }

    @Transactional(readOnly = true)
    JobStats stats(UUID userId) {
        Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
        for (JobStatus status : JobStatus.values()) {
            counts.put(status, 0L);
        }
        for (Object[] row : jobs.countByStatus(userId)) {
            counts.put((JobStatus) row[0], (Long) row[1]);
        }
        return new JobStats(counts, jobs.averageSecondsToComplete(userId));
    }

    /**
     * Cancels the job: one not yet sent at once; a sent one by asking its server, which the job shows as
     * {@code cancelRequested} until the server confirms (or the cancel timeout passes).
     */
    JobView cancel(UUID id, Caller caller) {
        if (!cancelUnlessEnded(id, caller)) {
            throw Problems.error(HttpStatus.CONFLICT, "The job has already ended.");
        }
        return view(id, caller);
    }

    /** Cancels the job, or asks its server to; answers false when the job had already ended. */
    private boolean cancelUnlessEnded(UUID id, Caller caller) {
        ImputationJob job = visible(id, caller);
        String reason =
                job.userId().equals(caller.userId()) ? "cancelled by its owner" : "cancelled by an administrator";
        switch (requestCancel(id, reason)) {
            case ALREADY_ENDED -> {
                return false;
            }
            case SENT_TO_SERVER -> {
                work.cancelRemotely(id, job.userId(), reason);
                pollSoon(id);
            }
            case CANCELLED, ASKED_ALREADY -> {}
        }
        return true;
    }

    /** Notes the cancel request, trying again when a poll changed the job at the same moment. */
    private JobLedger.CancelRequest requestCancel(UUID id, String reason) {
        for (int attempt = 1; ; attempt++) {
            try {
                return ledger.requestCancel(id, reason);
            } catch (ObjectOptimisticLockingFailureException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /**
     * Wakes db-scheduler once the job is committed, once per transaction however many jobs it accepts (a batch). Its
     * own immediate execution wakes it when the task is scheduled, before the transaction commits, so the wake-up
     * could look before the job is there; and waiting for the next poll (5 s) would start a burst of submissions as
     * one burst of dispatches, which is what held up other requests during a load test's arrivals.
     */
    private void dispatchAfterCommit() {
        boolean registered = TransactionSynchronizationManager.getSynchronizations().stream()
                .anyMatch(DispatchWakeUp.class::isInstance);
        if (!registered) {
            TransactionSynchronizationManager.registerSynchronization(new DispatchWakeUp());
        }
    }

    /** Looks for due work as soon as the transaction that queued jobs has committed. */
    private final class DispatchWakeUp implements TransactionSynchronization {
        @Override
        public void afterCommit() {
            pollingScheduler.ifAvailable(Scheduler::triggerCheckForDueExecutions);
        }
    }

    private void pollSoon(UUID id) {
        try {
            scheduler.reschedule(JobTasks.poll(id), Instant.now());
        } catch (DbSchedulerException e) {
            // The poll is running right now or already gone; either way it sees the cancel request.
        }
    }

    private ImputationJob visible(UUID id, Caller caller) {
        return jobs.findById(id)
                .filter(job -> caller.admin() || job.userId().equals(caller.userId()))
                .orElseThrow(Jobs::notFound);
    }

    private static ErrorResponseException notFound() {
        return Problems.error(HttpStatus.NOT_FOUND, "No such job");
    }

    private String generatePassword() {
        StringBuilder password = new StringBuilder(PASSWORD_LENGTH);
        for (int i = 0; i < PASSWORD_LENGTH; i++) {
            password.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
        }
        return password.toString();
    }
}
