package org.fedimpute.jobs.submission;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.fedimpute.jobs.lifecycle.Caller;
import org.fedimpute.jobs.lifecycle.JobBatch;
import org.fedimpute.jobs.lifecycle.JobUsage;
import org.fedimpute.jobs.lifecycle.JobView;
import org.fedimpute.jobs.lifecycle.Jobs;
import org.fedimpute.jobs.lifecycle.NewJob;
import org.fedimpute.jobs.peers.ExternalTokens;
import org.fedimpute.jobs.peers.FileManager;
import org.fedimpute.jobs.peers.RegisteredService;
import org.fedimpute.jobs.peers.Registry;
import org.fedimpute.jobs.peers.StoredFile;
import org.fedimpute.platform.web.Problems;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

/**
 * Checks a submission against the registry, file-manager, user-service and the caller's quota, refusing it at once
 * with the field and the reason, and hands what passes to {@link Jobs} to be queued.
 */
@Service
@EnableConfigurationProperties(QuotaProperties.class)
class JobSubmission {

    private final Registry registry;
    private final FileManager files;
    private final ExternalTokens tokens;
    private final Jobs jobs;
    private final QuotaProperties quotas;
    private final Clock clock;
    private final TransactionTemplate transactions;

    JobSubmission(
            Registry registry,
            FileManager files,
            ExternalTokens tokens,
            Jobs jobs,
            QuotaProperties quotas,
            Clock clock,
            TransactionTemplate transactions) {
        this.registry = registry;
        this.files = files;
        this.tokens = tokens;
        this.jobs = jobs;
        this.quotas = quotas;
        this.clock = clock;
        this.transactions = transactions;
    }

    JobView submit(Caller caller, SubmitJobRequest request) {
        Checked checked = check(caller, request, 1);
        return withinQuota(
                caller, 1, () -> jobs.accept(checked.job(caller, request.name().strip(), 0, null)));
    }

    /** Submits one job per input file, all with the request's configuration, as one batch. */
    JobBatch submitBatch(Caller caller, SubmitJobRequest request) {
        int count = request.fileIds().size();
        Checked checked = check(caller, request, count);
        UUID batchId = UUID.randomUUID();
        List<NewJob> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(checked.job(caller, request.name().strip() + " (" + (i + 1) + "/" + count + ")", i, batchId));
        }
        return withinQuota(caller, count, () -> jobs.acceptAll(batchId, batch));
    }

    /**
     * Submits the batch's failed jobs again, within the caller's quota; the failed jobs are read in the caller's turn
     * ({@link #inUsersTurn}), so two retries sent at once do not both submit them.
     */
    JobBatch retryFailed(Caller caller, UUID batchId) {
        return inUsersTurn(caller, () -> {
            List<NewJob> retries = jobs.retriesOfFailed(batchId, caller);
            if (!retries.isEmpty()) {
                checkQuota(caller, retries.size());
                jobs.acceptAll(batchId, retries);
            }
            return jobs.batch(batchId, caller);
        });
    }

    private Checked check(Caller caller, SubmitJobRequest request, int jobCount) {
        Checked configuration = checkConfiguration(caller, request, jobCount);
        List<Long> sizes = checkFiles(caller, request.fileIds(), request.build());
        long largestJob = jobCount == 1
                ? sizes.stream().mapToLong(Long::longValue).sum()
                : sizes.stream().mapToLong(Long::longValue).max().orElse(0);
        if (configuration.service().maxUploadBytes() != null
                && largestJob > configuration.service().maxUploadBytes()) {
            throw Problems.invalidField(
                    "fileIds",
                    configuration.service().name() + " accepts at most "
                            + configuration.service().maxUploadBytes() + " bytes of input");
        }
        return configuration.withFiles(request.fileIds(), sizes, true);
    }

    /**
     * Checks everything about a submission but its files (for a submission that uploads them, before any is uploaded),
     * counting it as {@code jobCount} jobs against the quota first, so a caller over quota learns it before anything
     * else; the answer has no files yet. The quota is counted again, race-free, when the jobs are stored.
     */
    Checked checkConfiguration(Caller caller, SubmitJobRequest request, int jobCount) {
        checkQuota(caller, jobCount);
        RegisteredService service = registry.service(request.service())
                .filter(RegisteredService::active)
                .orElseThrow(() -> Problems.invalidField("service", "no active imputation service is named so"));
        RegisteredService.Panel panel = service.panel(request.referencePanel())
                .orElseThrow(() -> Problems.invalidField("referencePanel", service.name() + " offers no such panel"));
        if (!panel.available()) {
            throw Problems.invalidField(
                    "referencePanel", "the panel is not available on " + service.name() + " at the moment");
        }
        if (!panel.builds().isEmpty() && !panel.builds().contains(request.build())) {
            throw Problems.invalidField("build", "the panel is built on " + String.join(" or ", panel.builds()));
        }
        String population = request.populationOrMixed();
        if (!"mixed".equalsIgnoreCase(population)
                && panel.populations().stream().noneMatch(known -> known.equalsIgnoreCase(population))) {
            throw Problems.invalidField(
                    "population", "the panel covers " + String.join(", ", panel.populations()) + " only");
        }
        if (service.requiresUserToken()
                && tokens.tokenFor(caller.userId(), service.slug()).isEmpty()) {
            throw Problems.invalidField(
                    "service", "store your own token for " + service.name() + " in your account first");
        }
        return new Checked(request, service, panel, population.toLowerCase(Locale.ROOT), List.of(), List.of(), true);
    }

    /** Queues a job whose files were uploaded with it; it stays PENDING until file-manager has validated them. */
    JobView acceptUploaded(Caller caller, Checked configuration, List<UUID> fileIds, List<Long> sizes) {
        return withinQuota(
                caller,
                1,
                () -> jobs.accept(configuration
                        .withFiles(fileIds, sizes, false)
                        .job(caller, configuration.request().name().strip(), 0, null)));
    }

    /** Stores jobs, in the caller's turn, only if they fit the caller's quota. */
    private <T> T withinQuota(Caller caller, int jobCount, Supplier<T> accept) {
        return inUsersTurn(caller, () -> {
            checkQuota(caller, jobCount);
            return accept.get();
        });
    }

    /**
     * Runs {@code work} in one transaction, after the caller's other submissions in flight have ended, so that
     * submissions sent at once cannot together pass a quota only some of them fit.
     */
    private <T> T inUsersTurn(Caller caller, Supplier<T> work) {
        return transactions.execute(transaction -> {
            jobs.takeTurnToSubmit(caller.userId());
            return work.get();
        });
    }

    private void checkQuota(Caller caller, int jobCount) {
        QuotaProperties.Quota quota = quotas.forTier(caller.tier());
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        JobUsage usage = jobs.usage(
                caller.userId(), today.withDayOfMonth(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        if (usage.unfinished() + jobCount > quota.concurrent()) {
            throw quotaExceeded(
                    "Your tier may have " + quota.concurrent() + " jobs queued or running at once.",
                    quota.concurrent());
        }
        if (usage.submittedThisMonth() + jobCount > quota.monthly()) {
            throw quotaExceeded(
                    "Your tier may submit " + quota.monthly() + " jobs per calendar month.", quota.monthly());
        }
    }

    /**
     * Checks each input is the caller's, validated and valid for the build the job declares (file-manager recomputes
     * the build checks of its report for it); answers their sizes.
     */
    private List<Long> checkFiles(Caller caller, List<UUID> fileIds, String build) {
        List<Long> sizes = new ArrayList<>();
        for (int i = 0; i < fileIds.size(); i++) {
            String field = "fileIds[" + i + "]";
            UUID fileId = fileIds.get(i);
            StoredFile file = files.file(fileId)
                    .filter(found -> caller.userId().equals(found.ownerId()))
                    .orElseThrow(() -> Problems.invalidField(field, "no such file"));
            switch (file.validationStatus()) {
                case "PENDING" -> {
                    ErrorResponseException pending =
                            Problems.error(HttpStatus.CONFLICT, "An input file is still being validated.");
                    pending.getBody()
                            .setProperty(
                                    "errors",
                                    List.of(Map.of(
                                            "field",
                                            field,
                                            "message",
                                            "is still being validated; submit again when validation has finished")));
                    throw pending;
                }
                case "INVALID" -> throw invalid(field, "failed validation", file.validationReport());
                case "VALID" -> {
                    Map<String, Object> asSubmitted = files.validationFor(fileId, build);
                    if ("INVALID".equals(asSubmitted.get("verdict"))) {
                        throw invalid(field, "is not valid for build " + build, asSubmitted);
                    }
                    sizes.add(file.sizeBytes());
                }
                default -> sizes.add(file.sizeBytes());
            }
        }
        return sizes;
    }

    private static ErrorResponseException invalid(String field, String message, Map<String, Object> report) {
        ErrorResponseException invalid = Problems.invalidField(field, message);
        invalid.getBody().setProperty("validationReport", report);
        return invalid;
    }

    private static ErrorResponseException quotaExceeded(String detail, int limit) {
        ErrorResponseException error = Problems.error(HttpStatus.TOO_MANY_REQUESTS, detail);
        error.getBody().setProperty("limit", limit);
        return error;
    }

    /**
     * A request that passed every check, with what the checks found: its files and their sizes, and whether those
     * were found valid already.
     */
    record Checked(
            SubmitJobRequest request,
            RegisteredService service,
            RegisteredService.Panel panel,
            String population,
            List<UUID> fileIds,
            List<Long> sizes,
            boolean inputsValidated) {

        Checked withFiles(List<UUID> files, List<Long> fileSizes, boolean validated) {
            return new Checked(request, service, panel, population, files, fileSizes, validated);
        }

        /** The job for one file ({@code file}) in a batch, or for all the files when not in a batch. */
        NewJob job(Caller caller, String name, int file, UUID batchId) {
            List<UUID> files = batchId == null ? fileIds : List.of(fileIds.get(file));
            long bytes =
                    batchId == null ? sizes.stream().mapToLong(Long::longValue).sum() : sizes.get(file);
            return new NewJob(
                    caller.userId(),
                    name,
                    request.description(),
                    service.id(),
                    service.slug(),
                    service.kind(),
                    panel.remoteKey(),
                    request.build(),
                    population,
                    request.phasingOrDefault(),
                    request.r2FilterOrDefault(),
                    request.modeOrDefault(),
                    files,
                    bytes,
                    batchId,
                    null,
                    inputsValidated);
        }
    }
}
