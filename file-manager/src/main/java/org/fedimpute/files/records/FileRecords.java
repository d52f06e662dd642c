package org.fedimpute.files.records;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.fedimpute.events.FileExpiryWarned;
import org.fedimpute.events.FileUploaded;
import org.fedimpute.events.FileValidated;
import org.fedimpute.platform.events.EventOutbox;
import org.fedimpute.platform.jdbc.AdvisoryLocks;
import org.fedimpute.platform.web.PageResponse;
import org.fedimpute.platform.web.Problems;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;

/**
 * Keeps the records of stored files: opens one before its content streams in, completes it once size and checksums
 * are known (checking the owner's quota and announcing the upload in the same transaction), answers who may see
 * what, and takes records through retention's warning and removal.
 */
@Service
public class FileRecords {

    private final StoredFileRepository files;
    private final JdbcClient jdbc;
    private final EventOutbox outbox;
    private final Clock clock;

    FileRecords(StoredFileRepository files, JdbcClient jdbc, EventOutbox outbox, Clock clock) {
        this.files = files;
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Opens the record of a file whose content is about to stream into storage under a new, generated key. */
    @Transactional
    public PendingFile open(NewFile file) {
        StoredFile record =
                files.saveAndFlush(new StoredFile(file, UUID.randomUUID().toString(), now()));
        return new PendingFile(record.id(), record.storageKey());
    }

    /**
     * Completes the record once its content is in storage and announces the upload. With a quota, the owner's stored
     * files and this one must fit in it; the check holds a per-owner lock, so two uploads finishing together cannot
     * both slip under it.
     *
     * @param quotaBytes the owner's quota, or empty when the file counts against it without being held to it
     */
    @Transactional
    public FileResponse complete(UUID id, ReceivedContent content, OptionalLong quotaBytes) {
        StoredFile file = files.findByIdAndStatus(id, FileStatus.UPLOADING)
                .orElseThrow(() -> new IllegalStateException("File " + id + " is no longer being uploaded"));
        if (quotaBytes.isPresent()) {
            lockQuotaOf(file.ownerId());
            long used = files.storedBytesOf(file.ownerId());
            if (used + content.sizeBytes() > quotaBytes.getAsLong()) {
                throw quotaExceeded(used, quotaBytes.getAsLong());
            }
        }
        Instant now = now();
        file.store(content, now);
        outbox.publish(
                new FileUploaded(file.id(), file.ownerId(), file.fileName(), file.sizeBytes(), file.sha256(), now));
        return FileResponse.of(file);
    }

    /** The record as it is now, after what the upload's checks recorded once it was complete. */
    @Transactional(readOnly = true)
    public FileResponse current(FileResponse file) {
        return files.findById(file.id()).map(FileResponse::of).orElse(file);
    }

    /** Drops the record of an upload that did not complete; its content must already be gone from storage. */
    @Transactional
    public void discard(UUID id) {
        files.deleteUnstored(id);
    }

    /** The answer to an upload that would take its owner's stored files beyond their quota. */
    public static ErrorResponseException quotaExceeded(long usedBytes, long quotaBytes) {
        ErrorResponseException error = Problems.error(
                HttpStatus.FORBIDDEN,
                "This file does not fit in your storage quota: " + ByteSizes.describe(usedBytes) + " of "
                        + ByteSizes.describe(quotaBytes) + " are used. Delete files you no longer need.");
        error.getBody().setProperty("usedBytes", usedBytes);
        error.getBody().setProperty("quotaBytes", quotaBytes);
        return error;
    }

    /** How many bytes the owner's stored files take. */
    @Transactional(readOnly = true)
    public long usedBytes(UUID ownerId) {
        return files.storedBytesOf(ownerId);
    }

    /** How many files are stored and how many bytes they take, for everyone together. */
    @Transactional(readOnly = true)
    public StorageTotals totals() {
        return files.storedTotals();
    }

    @Transactional(readOnly = true)
    public FileResponse read(UUID id, Caller caller) {
        return FileResponse.of(visible(id, caller));
    }

    /** The stored file for a download by the caller; another user's file is not found. */
    @Transactional(readOnly = true)
    public StoredContent content(UUID id, Caller caller) {
        return StoredContent.of(visible(id, caller));
    }

    /** The stored file for a download through a signed link, whose signature already proved the right to it. */
    @Transactional(readOnly = true)
    public StoredContent content(UUID id) {
        return files.findByIdAndStatus(id, FileStatus.STORED)
                .map(StoredContent::of)
                .orElseThrow(FileRecords::notFound);
    }

    /** The file a finished resumable upload became, if its owner asks again after the upload completed. */
    @Transactional(readOnly = true)
    public Optional<FileResponse> fromUpload(String uploadId, UUID ownerId) {
        return files.findByUploadIdAndOwnerIdAndStatus(uploadId, ownerId, FileStatus.STORED)
                .map(FileResponse::of);
    }

    /**
     * One page of stored files, newest first.
     *
     * @param ownerId whose files, or {@code null} for everyone's (admins)
     * @param kind only files of this kind, or {@code null}
     * @param jobId only files of this job, or {@code null}
     */
    @Transactional(readOnly = true)
    public PageResponse<FileResponse> list(UUID ownerId, FileKind kind, UUID jobId, int page, int size) {
        List<Specification<StoredFile>> conditions = new ArrayList<>();
        conditions.add((file, query, where) -> where.equal(file.get("status"), FileStatus.STORED));
        if (ownerId != null) {
            conditions.add((file, query, where) -> where.equal(file.get("ownerId"), ownerId));
        }
        if (kind != null) {
            conditions.add((file, query, where) -> where.equal(file.get("kind"), kind));
        }
        if (jobId != null) {
            conditions.add((file, query, where) -> where.equal(file.get("jobId"), jobId));
        }
        PageRequest request = PageRequest.of(page, size, Sort.by(Sort.Order.desc("createdAt"), Sort.Order.asc("id")));
        return PageResponse.of(files.findAll(Specification.allOf(conditions), request), FileResponse::of);
    }

    /**
     * The results stored for a job, for job-processor to tell which of a job's outputs it need not fetch and store
     * again (a store whose answer it never got); an empty list when there are none.
     */
    @Transactional(readOnly = true)
    public List<FileResponse> storedResultsOf(UUID jobId) {
        return files
                .findByJobIdAndKindAndStatusOrderByFileNameAscCreatedAtAsc(jobId, FileKind.RESULT, FileStatus.STORED)
                .stream()
                .map(FileResponse::of)
                .toList();
    }

    /** A job's result files that the caller may see, by name; none visible is not found. */
    @Transactional(readOnly = true)
    public List<StoredContent> results(UUID jobId, Caller caller) {
        List<StoredContent> results = files
                .findByJobIdAndKindAndStatusOrderByFileNameAscCreatedAtAsc(jobId, FileKind.RESULT, FileStatus.STORED)
                .stream()
                .filter(file -> caller.maySee(file.ownerId()))
                .map(StoredContent::of)
                .toList();
        if (results.isEmpty()) {
            throw Problems.error(HttpStatus.NOT_FOUND, "No results for this job.");
        }
        return results;
    }

    /**
     * Stores the validator's verdict and report on a genotype file and announces it, once: a file validated twice
     * (after a restart resumed a validation another instance was finishing) keeps the first verdict.
     */
    @Transactional
    public void recordValidation(UUID id, boolean valid, int errorCount, int warningCount, String reportJson) {
        StoredFile file = files.lockStored(id).orElseThrow(FileRecords::notFound);
        if (file.validationStatus() != ValidationStatus.PENDING) {
            return;
        }
        file.validated(valid, reportJson);
        outbox.publish(new FileValidated(file.id(), file.ownerId(), valid, errorCount, warningCount, now()));
    }

    /** Hides the file from everyone and answers where its content lies, for {@link FileRemoval} to delete. */
    @Transactional
    PendingFile markForDeletion(UUID id, Caller caller) {
        StoredFile file = visible(id, caller);
        file.markForDeletion();
        return new PendingFile(file.id(), file.storageKey());
    }

    /**
     * Warns the owners of files that expire by {@code horizon}, once per file.
     *
     * @return how many were warned
     */
    @Transactional
    public int warnOfExpiry(Instant horizon, int batchSize) {
        Instant now = now();
        List<StoredFile> expiring = files.findUnwarnedExpiringBy(horizon, Limit.of(batchSize));
        for (StoredFile file : expiring) {
            file.warnedOfExpiry(now);
            outbox.publish(new FileExpiryWarned(file.id(), file.ownerId(), file.fileName(), file.expiresAt()));
        }
        return expiring.size();
    }

    /**
     * Marks for deletion the files that have expired and the uploads that have made no progress since {@code
     * abandonedBefore}; an upload still streaming in is kept however long ago it started.
     *
     * @return how many were marked
     */
    @Transactional
    public int markExpired(Instant abandonedBefore) {
        return files.markExpired(now()) + files.markAbandoned(abandonedBefore);
    }

    /** Notes that an upload still streaming into storage made progress (see {@link #releaseStaleFinish}). */
    @Transactional
    public void touch(UUID id) {
        files.touch(id, now());
    }

    /**
     * Takes a resumable upload away from a request storing it that has made no progress for {@code staleAfter} and has
     * not finished: one that died (or whose clean-up failed) would otherwise hold the upload until retention. Its record is
     * marked for deletion, content and all, and no longer names the upload, so another request can store it; a request
     * still alive fails to complete a record no longer being uploaded, and removes what it wrote. Answers whether there
     * was such a record.
     */
    @Transactional
    public boolean releaseStaleFinish(String uploadId, UUID ownerId, Duration staleAfter) {
        return files.releaseUpload(uploadId, ownerId, now().minus(staleAfter)) > 0;
    }

    /** Files marked for deletion whose content storage still has to let go of, oldest first. */
    @Transactional(readOnly = true)
    List<PendingFile> awaitingDeletion(int limit) {
        return files.findByStatusOrderByCreatedAt(FileStatus.DELETING, Limit.of(limit)).stream()
                .map(file -> new PendingFile(file.id(), file.storageKey()))
                .toList();
    }

    /** Drops a record marked for deletion once its content is gone. */
    @Transactional
    void forget(UUID id) {
        files.deleteUnstored(id);
    }

    private StoredFile visible(UUID id, Caller caller) {
        return files.findByIdAndStatus(id, FileStatus.STORED)
                .filter(file -> caller.maySee(file.ownerId()))
                .orElseThrow(FileRecords::notFound);
    }

    /** Waits for the owner's other quota checks under way to end, and holds theirs off until this one's ends. */
    private void lockQuotaOf(UUID ownerId) {
        AdvisoryLocks.forTransaction(jdbc, "storage-quota:" + ownerId);
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    private static ErrorResponseException notFound() {
        return Problems.error(HttpStatus.NOT_FOUND, "No such file.");
    }

    /** The stored genotype files whose validation has not finished, for validations cut short to be run again. */
    @Transactional(readOnly = true)
    public List<UnvalidatedFile> unvalidated() {
        return files.findByStatusAndValidationStatus(FileStatus.STORED, ValidationStatus.PENDING).stream()
                .map(file -> new UnvalidatedFile(file.id(), file.fileName(), file.storageKey(), file.declaredBuild()))
                .toList();
    }

    /** A stored genotype file still waiting for its validation's verdict. */
    public record UnvalidatedFile(UUID id, String fileName, String storageKey, String declaredBuild) {}

    /** A record whose content is on its way into storage, or out of it. */
    public record PendingFile(UUID id, String storageKey) {}
}
