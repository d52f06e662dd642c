package org.fedimpute.files.records;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/**
 * The records of stored files. Every bulk update that changes a status raises the version too, so that a request
 * holding a record as it was before (an upload about to complete it) fails its version check rather than writing the
 * old state back.
 */
interface StoredFileRepository extends JpaRepository<StoredFile, UUID>, JpaSpecificationExecutor<StoredFile> {

    Optional<StoredFile> findByIdAndStatus(UUID id, FileStatus status);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("SELECT f FROM StoredFile f WHERE f.id = :id AND f.status = org.fedimpute.files.records.FileStatus.STORED")
    Optional<StoredFile> lockStored(UUID id);

    List<StoredFile> findByStatusAndValidationStatus(FileStatus status, ValidationStatus validationStatus);

    Optional<StoredFile> findByUploadIdAndOwnerIdAndStatus(String uploadId, UUID ownerId, FileStatus status);

    List<StoredFile> findByJobIdAndKindAndStatusOrderByFileNameAscCreatedAtAsc(
            UUID jobId, FileKind kind, FileStatus status);

    @Query(
            "SELECT COALESCE(SUM(f.sizeBytes), 0) FROM StoredFile f WHERE f.ownerId = :ownerId AND f.status = org.fedimpute.files.records.FileStatus.STORED")
    long storedBytesOf(UUID ownerId);

    @Query(
            "SELECT new org.fedimpute.files.records.StorageTotals(COUNT(f), COALESCE(SUM(f.sizeBytes), 0)) FROM StoredFile f WHERE f.status = org.fedimpute.files.records.FileStatus.STORED")
    StorageTotals storedTotals();

    @Query("""
            SELECT f FROM StoredFile f
            WHERE f.status = org.fedimpute.files.records.FileStatus.STORED AND f.kind <> org.fedimpute.files.records.FileKind.TEMP AND f.expiryWarnedAt IS NULL AND f.expiresAt <= :horizon
            ORDER BY f.expiresAt""")
    List<StoredFile> findUnwarnedExpiringBy(Instant horizon, Limit limit);

    @Modifying
    @Query("UPDATE StoredFile f SET f.status = org.fedimpute.files.records.FileStatus.DELETING,"
            + " f.version = f.version + 1"
            + " WHERE f.status = org.fedimpute.files.records.FileStatus.STORED AND f.expiresAt <= :now")
    int markExpired(Instant now);

    /** Marks for deletion the uploads that have made no progress since {@code before} (or started before it). */
    @Modifying
    @Query("UPDATE StoredFile f SET f.status = org.fedimpute.files.records.FileStatus.DELETING,"
            + " f.version = f.version + 1"
            + " WHERE f.status = org.fedimpute.files.records.FileStatus.UPLOADING"
            + " AND coalesce(f.progressAt, f.createdAt) < :before")
    int markAbandoned(Instant before);

    List<StoredFile> findByStatusOrderByCreatedAt(FileStatus status, Limit limit);

    @Modifying
    @Query("UPDATE StoredFile f SET f.status = org.fedimpute.files.records.FileStatus.DELETING, f.uploadId = NULL,"
            + " f.version = f.version + 1"
            + " WHERE f.uploadId = :uploadId AND f.ownerId = :ownerId"
            + " AND f.status = org.fedimpute.files.records.FileStatus.UPLOADING"
            + " AND coalesce(f.progressAt, f.createdAt) < :before")
    int releaseUpload(String uploadId, UUID ownerId, Instant before);

    @Modifying
    @Query("UPDATE StoredFile f SET f.progressAt = :now"
            + " WHERE f.id = :id AND f.status = org.fedimpute.files.records.FileStatus.UPLOADING")
    int touch(UUID id, Instant now);

    @Modifying
    @Query("DELETE FROM StoredFile f WHERE f.id = :id AND f.status <> org.fedimpute.files.records.FileStatus.STORED")
    int deleteUnstored(UUID id);
}
