package org.fedimpute.jobs.lifecycle;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.fedimpute.jobs.peers.ExternalTokens;
import org.fedimpute.jobs.peers.FileManager;
import org.fedimpute.jobs.peers.RegisteredService;
import org.fedimpute.jobs.peers.Registry;
import org.fedimpute.jobs.peers.StoredFile;
import org.fedimpute.jobs.remote.RemoteFailure;
import org.fedimpute.jobs.remote.RemoteOutput;
import org.fedimpute.jobs.remote.RemoteServer;
import org.fedimpute.jobs.remote.RemoteServers;
import org.fedimpute.jobs.remote.RemoteState;
import org.fedimpute.jobs.remote.RemoteStatus;
import org.fedimpute.jobs.remote.RemoteSubmission;
import org.fedimpute.jobs.remote.RemoteTarget;
import org.fedimpute.platform.secrets.SecretCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;

/**
 * What the dispatch and poll tasks do for one job: send it (waiting and retrying while the server is busy or
 * unreachable), follow its remote state, stream its results into file-manager, and decide when the task runs next.
 * Remote calls happen outside transactions; every change of the job goes through {@link JobLedger}.
 */
@Component
class JobWork {

    private static final Logger log = LoggerFactory.getLogger(JobWork.class);

    private final JobLedger ledger;
    private final RemoteServers servers;
    private final Registry registry;
    private final ExternalTokens tokens;
    private final FileManager files;
    private final StoredResults storedResults;
    private final SecretCipher cipher;
    private final LifecycleProperties properties;

    JobWork(
            JobLedger ledger,
            RemoteServers servers,
            Registry registry,
            ExternalTokens tokens,
            FileManager files,
            StoredResults storedResults,
            SecretCipher cipher,
            LifecycleProperties properties) {
        this.ledger = ledger;
        this.servers = servers;
        this.registry = registry;
        this.tokens = tokens;
        this.files = files;
        this.storedResults = storedResults;
        this.cipher = cipher;
        this.properties = properties;
    }

    /** The associated data binding a job's encrypted result password to that job. */
    static String passwordContext(UUID jobId) {
        return "result-password:" + jobId;
    }

    CompletionHandler<Void> dispatch(UUID id) {
        ImputationJob job = ledger.find(id).orElse(null);
        if (job != null && job.status() == JobStatus.PENDING) {
            Optional<CompletionHandler<Void>> waiting = awaitValidation(job);
            if (waiting.isPresent()) {
                return waiting.get();
            }
            job = ledger.find(id).orElse(null);
        }
        if (job != null && mayHaveLeftARun(job)) {
            return cancelRunOfUnansweredSubmit(job);
        }
        if (job == null || job.status() != JobStatus.QUEUED) {
            return remove();
        }
        if (job.remoteJobId() != null) {
            return replaceWith(JobTasks.poll(id), properties.pollInterval());
        }
        try {
            Remote remote = resolve(job);
            Optional<String> earlier =
                    job.lastCallUnanswered() ? remote.server().findSubmitted(remote.target(), id) : Optional.empty();
            String remoteJobId;
            if (earlier.isPresent()) {
                remoteJobId = earlier.get();
            } else {
                RemoteSubmission submission = submission(job);
                ledger.submitting(id);
                remoteJobId = remote.server().submit(remote.target(), submission);
            }
            if (ledger.sent(id, remoteJobId)) {
                return replaceWith(JobTasks.poll(id), properties.pollInterval());
            }
            cancelQuietly(remote, remoteJobId);
            return remove();
        } catch (RemoteFailure.Busy busy) {
            return again(dispatchBackoff(ledger.busy(id, busy.getMessage())));
        } catch (PeerUnavailable peer) {
            log.warn("Job {} not sent to {} this time: {}", id, job.serviceSlug(), peer.getMessage());
            return again(dispatchBackoff(ledger.countDispatchAttempt(id)));
        } catch (RemoteFailure.Unavailable unavailable) {
            log.warn("Job {} not sent to {} this time: {}", id, job.serviceSlug(), unavailable.getMessage());
            if (ledger.unreachable(id, job.serviceSlug(), unavailable.getMessage())) {
                // Ended meanwhile (cancelled during the submit, say): the next run looks for a run the submit left.
                return ledger.find(id).filter(JobWork::mayHaveLeftARun).isPresent()
                        ? again(properties.dispatchRetry())
                        : remove();
            }
            return again(dispatchBackoff(ledger.countDispatchAttempt(id)));
        } catch (RemoteFailure.Rejected rejected) {
            ledger.fail(id, rejected.getMessage(), null);
            return remove();
        }
    }

    CompletionHandler<Void> poll(UUID id) {
        ImputationJob job = ledger.find(id).orElse(null);
        if (job == null || job.status().terminal()) {
            return remove();
        }
        if (job.remoteJobId() == null) {
            return replaceWith(JobTasks.dispatch(id), Duration.ZERO);
        }
        if (ledger.cancelTimedOut(job)) {
            ledger.cancelled(
                    id,
                    "cancelled: " + job.serviceSlug() + " did not confirm the cancellation within "
                            + ledger.cancelTimeout(),
                    job.remoteState());
            return remove();
        }
        try {
            Remote remote = resolve(job);
            RemoteStatus status = remote.server().status(remote.target(), job.remoteJobId());
            return switch (status.state()) {
                case QUEUED -> {
                    ledger.progress(id, status, JobStatus.QUEUED);
                    yield stillWorking(job, remote);
                }
                case RUNNING -> {
                    ledger.progress(id, status, JobStatus.RUNNING);
                    yield stillWorking(job, remote);
                }
                case COMPLETED -> {
                    ledger.complete(id, storeResults(job, remote, status.outputs()), status.remoteState());
                    yield remove();
                }
                case FAILED -> {
                    ledger.fail(
                            id,
                            status.failureReason() != null
                                    ? status.failureReason()
                                    : "the job failed on " + remote.target().displayName(),
                            status.remoteState());
                    yield remove();
                }
                case CANCELLED -> {
                    ledger.cancelled(
                            id,
                            job.cancelRequestedAt() != null
                                    ? "cancelled as requested; "
                                            + remote.target().name() + " confirmed"
                                    : "cancelled on " + remote.target().name(),
                            status.remoteState());
                    yield remove();
                }
                case PREEMPTED -> {
                    boolean queuedAgain = ledger.requeue(
                            id, "pre-empted on " + remote.target().displayName(), status.remoteState());
                    yield queuedAgain ? replaceWith(JobTasks.dispatch(id), Duration.ZERO) : remove();
                }
                case UNKNOWN -> {
                    log.info("{} does not know the state of job {} now; polling again later", job.serviceSlug(), id);
                    yield again(ledger.nextPollInterval(id));
                }
            };
        } catch (RemoteFailure.Busy busy) {
            return again(ledger.nextPollInterval(id));
        } catch (PeerUnavailable peer) {
            log.warn("Job {} could not be followed this time: {}", id, peer.getMessage());
            return again(ledger.nextPollInterval(id));
        } catch (RemoteFailure.Unavailable unavailable) {
            log.warn(
                    "Job {} could not be followed on {} this time: {}",
                    id,
                    job.serviceSlug(),
                    unavailable.getMessage());
            if (ledger.unreachable(id, job.serviceSlug(), unavailable.getMessage())) {
                return remove();
            }
            return again(ledger.nextPollInterval(id));
        } catch (RemoteFailure.Rejected rejected) {
            ledger.fail(id, rejected.getMessage(), job.remoteState());
            return remove();
        }
    }

    /**
     * Checks the inputs of a job submitted with its files: queues it once all are valid (answering empty, so the
     * dispatch goes on), fails it when one is invalid or gone, and otherwise looks again later.
     */
    private Optional<CompletionHandler<Void>> awaitValidation(ImputationJob job) {
        for (UUID fileId : job.inputFileIds()) {
            Optional<StoredFile> file;
            try {
                file = files.file(fileId);
            } catch (RestClientException e) {
                return Optional.of(again(properties.pollInterval()));
            }
            if (file.isEmpty()) {
                ledger.fail(job.id(), "input file " + fileId + " no longer exists", null);
                return Optional.of(remove());
            }
            switch (file.get().validationStatus()) {
                case "PENDING" -> {
                    return Optional.of(again(properties.pollInterval()));
                }
                case "INVALID" -> {
                    ledger.fail(
                            job.id(),
                            file.get().fileName() + " failed validation: "
                                    + file.get().validationReport(),
                            null);
                    return Optional.of(remove());
                }
                default -> {}
            }
        }
        ledger.inputsValidated(job.id());
        return Optional.empty();
    }

    /**
     * Asks the server to cancel a sent job, as the researcher {@code owner}, and records the cancellation when it
     * confirms at once; otherwise each poll asks again until the server confirms, or the cancel timeout ends the wait.
     */
    void cancelRemotely(UUID id, UUID owner, String reason) {
        ImputationJob job = ledger.find(id).orElseThrow();
        try {
            askToCancel(job, resolve(job, owner), reason);
        } catch (RemoteFailure | PeerUnavailable | RestClientException e) {
            log.warn("Could not ask {} to cancel job {} now: {}", job.serviceSlug(), id, e.getMessage());
        }
    }

    /**
     * The next poll of a job still queued or running on its server. A cancel the researcher asked for and the server
     * has not confirmed (it was busy or away when asked) is sent again, a cancel-ask interval after the last ask, so
     * that the job does not run on to its end.
     */
    private CompletionHandler<Void> stillWorking(ImputationJob job, Remote remote) {
        if (ledger.mayAskCancelAgain(job) && ledger.takeTurnToAskCancel(job.id())) {
            try {
                if (askToCancel(
                        job,
                        remote,
                        "cancelled as requested; " + remote.target().name() + " confirmed")) {
                    return remove();
                }
            } catch (RemoteFailure e) {
                log.warn("Could not ask {} again to cancel job {}: {}", job.serviceSlug(), job.id(), e.getMessage());
            }
        }
        return again(ledger.nextPollInterval(job.id()));
    }

    /** Asks the server to cancel the job and ends it with {@code reason} if the server confirms at once. */
    private boolean askToCancel(ImputationJob job, Remote remote, String reason) {
        RemoteStatus answer = remote.server().cancel(remote.target(), job.remoteJobId());
        if (answer.state() != RemoteState.CANCELLED) {
            return false;
        }
        ledger.cancelled(job.id(), reason, answer.remoteState());
        return true;
    }

    /**
     * Stores each output not stored yet; answers their file ids in output order. An output file-manager holds for the
     * job although no store of it was recorded here (its answer never came back, or job-processor stopped before
     * recording it) is taken as it is: fetching it again would spend the server's download budget and store the file
     * twice. For the same reason, once a store has failed mid-download, file-manager is asked whether its storage takes
     * files before the next download; while it does not, the job waits without spending downloads.
     */
    private List<UUID> storeResults(ImputationJob job, Remote remote, List<RemoteOutput> outputs) {
        Map<String, UUID> earlier = storedResults.of(job.id());
        Map<String, UUID> inFileManager = null;
        boolean probed = false;
        List<UUID> stored = new ArrayList<>();
        for (RemoteOutput output : outputs) {
            UUID fileId = earlier.get(output.name());
            if (fileId == null) {
                if (inFileManager == null) {
                    inFileManager = new HashMap<>();
                    for (StoredFile result : peer(() -> files.storedResultsOf(job.id()))) {
                        inFileManager.putIfAbsent(result.fileName(), result.id());
                    }
                }
                fileId = inFileManager.get(output.name());
                if (fileId == null) {
                    if (job.resultStoreFailures() > 0 && !probed) {
                        peer(() -> {
                            files.probeStorage();
                            return null;
                        });
                        probed = true;
                    }
                    fileId = downloadAndStore(job, remote, output);
                }
                storedResults.record(job.id(), output.name(), fileId);
            }
            stored.add(fileId);
        }
        return stored;
    }

    private UUID downloadAndStore(ImputationJob job, Remote remote, RemoteOutput output) {
        try {
            return remote.server()
                    .download(remote.target(), output, content -> storeResult(job, output, content))
                    .id();
        } catch (PeerUnavailable storeFailed) {
            ledger.resultStoreFailed(job.id());
            throw storeFailed;
        }
    }

    private RemoteSubmission submission(ImputationJob job) {
        List<RemoteSubmission.Input> inputs = new ArrayList<>();
        for (UUID fileId : job.inputFileIds()) {
            StoredFile file = peer(() -> files.file(fileId))
                    .orElseThrow(() -> new RemoteFailure.Rejected("input file " + fileId + " no longer exists"));
            inputs.add(new RemoteSubmission.Input(file.fileName(), file.sizeBytes(), () -> files.open(fileId)));
        }
        String password =
                new String(cipher.decrypt(job.resultPassword(), passwordContext(job.id())), StandardCharsets.UTF_8);
        return new RemoteSubmission(
                job.id(),
                job.name(),
                job.referencePanel(),
                job.build(),
                job.population(),
                job.phasing(),
                job.r2Filter(),
                job.mode(),
                password,
                inputs);
    }

    /** Finds the server and the researcher's token for a job; a refusal here fails the job, trouble retries it. */
    private Remote resolve(ImputationJob job) {
        return resolve(job, job.userId());
    }

    private Remote resolve(ImputationJob job, UUID owner) {
        RegisteredService service = peer(() -> registry.service(job.serviceSlug()))
                .orElseThrow(() ->
                        new RemoteFailure.Rejected("the service " + job.serviceSlug() + " is no longer registered"));
        if (!service.active()) {
            throw new RemoteFailure.Unavailable(service.name() + " is switched off for now", null);
        }
        RemoteServer server = servers.forKind(service.kind());
        String token = null;
        if (service.requiresUserToken()) {
            token = peer(() -> tokens.tokenFor(owner, service.slug()))
                    .orElseThrow(() -> new RemoteFailure.Rejected("no token for " + service.name()
                            + " is stored in your account; add one and submit the job again"));
        }
        RemoteTarget target = new RemoteTarget(
                service.id(),
                service.slug(),
                service.name(),
                service.baseUrl(),
                service.michiganAppId(),
                token,
                service.connectTimeout(),
                service.readTimeout());
        return new Remote(server, target);
    }

    /**
     * Streams one output into file-manager. A refusal (4xx) will not change by asking again, so it fails the job with
     * the reason instead of being retried until the server is given up on; the output stays on the server meanwhile.
     */
    private StoredFile storeResult(ImputationJob job, RemoteOutput output, InputStream content) {
        try {
            return peer(() -> files.storeResult(job.userId(), job.id(), output.name(), content));
        } catch (PeerUnavailable e) {
            if (e.getCause() instanceof HttpClientErrorException refused) {
                throw new RemoteFailure.Rejected("the result " + output.name() + " could not be stored: file-manager"
                        + " refused it (HTTP " + refused.getStatusCode().value() + ")");
            }
            throw e;
        }
    }

    /** A call to another platform service, whose failure is "try again later" for the job. */
    private static <T> T peer(Supplier<T> call) {
        try {
            return call.get();
        } catch (RestClientException e) {
            throw new PeerUnavailable(e);
        }
    }

    /**
     * Another platform service (user-service, the registry, file-manager) could not be reached or failed: the job's
     * work is tried again later, for as long as it takes. The job's server is not to blame, so this neither starts nor
     * advances the clock that fails a job whose server stays gone.
     */
    private static final class PeerUnavailable extends RuntimeException {
        PeerUnavailable(RestClientException cause) {
            super("a platform service could not be reached: " + cause.getMessage(), cause);
        }
    }

    /**
     * A job that ended (its owner cancelled it, say) while the answer to its last submit was missing: the server may
     * hold a run of it all the same, which is looked for and cancelled, so that it does not run on, on the researcher's
     * account, for nothing. While the server cannot be asked this is tried again, for as long as a server may be gone.
     */
    private CompletionHandler<Void> cancelRunOfUnansweredSubmit(ImputationJob job) {
        try {
            Remote remote = resolve(job);
            remote.server().findSubmitted(remote.target(), job.id()).ifPresent(run -> cancelQuietly(remote, run));
            return remove();
        } catch (RemoteFailure.Unavailable | RemoteFailure.Busy | PeerUnavailable e) {
            Instant endedAt = job.finishedAt() == null ? Instant.now() : job.finishedAt();
            if (Duration.between(endedAt, Instant.now()).compareTo(properties.remoteGoneLimit()) > 0) {
                log.warn(
                        "Gave up looking for a run of ended job {} on {}: {}",
                        job.id(),
                        job.serviceSlug(),
                        e.getMessage());
                return remove();
            }
            return again(dispatchBackoff(ledger.countDispatchAttempt(job.id())));
        } catch (RemoteFailure.Rejected e) {
            log.warn("Could not look for a run of ended job {} on {}: {}", job.id(), job.serviceSlug(), e.getMessage());
            return remove();
        }
    }

    /**
     * Fails a job whose task kept throwing something unexpected, saying so; answers false when that cannot be stored
     * now either.
     */
    boolean failAfterErrors(UUID id, int inARow, Throwable last) {
        try {
            ledger.fail(
                    id,
                    "FedImpute could not follow this job: " + inARow + " attempts in a row failed on our side ("
                            + (last == null
                                    ? "no cause recorded"
                                    : last.getClass().getSimpleName()) + ")",
                    null);
            log.error("Job {} failed after {} unexpected errors in a row; the last:", id, inARow, last);
            return true;
        } catch (RuntimeException e) {
            log.warn("Job {} could not be failed after {} unexpected errors in a row: {}", id, inARow, e.toString());
            return false;
        }
    }

    /** Whether the job ended without a remote run recorded while its last submit went unanswered. */
    private static boolean mayHaveLeftARun(ImputationJob job) {
        return job.status().terminal() && job.remoteJobId() == null && job.lastCallUnanswered();
    }

    private void cancelQuietly(Remote remote, String remoteJobId) {
        try {
            remote.server().cancel(remote.target(), remoteJobId);
        } catch (RemoteFailure e) {
            log.warn("Could not cancel remote job {} of a job cancelled while it was sent", remoteJobId);
        }
    }

    private Duration dispatchBackoff(int attempts) {
        long factor = 1L << Math.min(Math.max(attempts - 1, 0), 20);
        Duration wait = properties.dispatchRetry().multipliedBy(factor);
        return wait.compareTo(properties.maxDispatchRetry()) > 0 ? properties.maxDispatchRetry() : wait;
    }

    private static CompletionHandler<Void> remove() {
        return (complete, operations) -> operations.remove();
    }

    private static CompletionHandler<Void> again(Duration after) {
        return (complete, operations) ->
                operations.reschedule(complete, Instant.now().plus(after));
    }

    private static CompletionHandler<Void> replaceWith(TaskInstance<Void> next, Duration after) {
        return (complete, operations) -> operations.removeAndScheduleNew(
                SchedulableInstance.of(next, Instant.now().plus(after)));
    }

    /** The server implementation and the call target for one job. */
    private record Remote(RemoteServer server, RemoteTarget target) {}
}
