package org.fedimpute.files.records;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.fedimpute.platform.persistence.AssignedKeyEntity;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One file file-manager holds: its owner, purpose, checksums, lifetime and where its content lies in storage. */
@Entity
@Table(name = "stored_file")
class StoredFile extends AssignedKeyEntity<UUID> {

    @Id
    private UUID id;

    @Column(name = "owner_id", nullable = false, updatable = false)
    private UUID ownerId;

    @Column(name = "job_id", updatable = false)
    private UUID jobId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private FileKind kind;

    @Column(name = "file_name", nullable = false, updatable = false)
    private String fileName;

    @Column(name = "storage_key", nullable = false, updatable = false)
    private String storageKey;

    @Column(name = "content_type", nullable = false, updatable = false)
    private String contentType;

    @Column(name = "size_bytes", nullable = false)
    private long sizeBytes;

    private String sha256;

    private String md5;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private FileStatus status;

    @Enumerated(EnumType.STRING)
    @Column(name = "validation_status", nullable = false)
    private ValidationStatus validationStatus;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "validation_report")
    private String validationReport;

    @Column(name = "service_slug", updatable = false)
    private String service;

    @Column(name = "declared_build", updatable = false)
    private String declaredBuild;

    @Column(name = "upload_id", updatable = false)
    private String uploadId;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    /** Written only by {@link StoredFileRepository#touch}, as the upload streams in; read by its queries. */
    @Column(name = "progress_at", insertable = false, updatable = false)
    private Instant progressAt;

    @Column(name = "stored_at")
    private Instant storedAt;

    @Column(name = "expires_at", nullable = false, updatable = false)
    private Instant expiresAt;

    @Column(name = "expiry_warned_at")
    private Instant expiryWarnedAt;

    @Version
    private long version;

    protected StoredFile() {}

    StoredFile(NewFile file, String storageKey, Instant now) {
        this.id = UUID.randomUUID();
        this.ownerId = file.ownerId();
        this.jobId = file.jobId();
        this.kind = file.kind();
        this.fileName = file.fileName();
        this.storageKey = storageKey;
        this.contentType = file.contentType();
        this.status = FileStatus.UPLOADING;
        this.validationStatus = file.genotypeData() ? ValidationStatus.PENDING : ValidationStatus.NOT_APPLICABLE;
        this.service = file.service();
        this.declaredBuild = file.declaredBuild();
        this.uploadId = file.uploadId();
        this.createdAt = now;
        this.expiresAt = now.plus(file.lifetime());
    }

    void store(ReceivedContent content, Instant now) {
        this.sizeBytes = content.sizeBytes();
        this.sha256 = content.sha256();
        this.md5 = content.md5();
        this.storedAt = now;
        this.status = FileStatus.STORED;
    }

    void warnedOfExpiry(Instant now) {
        this.expiryWarnedAt = now;
    }

    void validated(boolean valid, String report) {
        this.validationStatus = valid ? ValidationStatus.VALID : ValidationStatus.INVALID;
        this.validationReport = report;
    }

    void markForDeletion() {
        this.status = FileStatus.DELETING;
    }

    UUID id() {
        return id;
    }

    UUID ownerId() {
        return ownerId;
    }

    UUID jobId() {
        return jobId;
    }

    FileKind kind() {
        return kind;
    }

    String fileName() {
        return fileName;
    }

    String storageKey() {
        return storageKey;
    }

    String contentType() {
        return contentType;
    }

    long sizeBytes() {
        return sizeBytes;
    }

    String sha256() {
        return sha256;
    }

    String md5() {
        return md5;
    }

    FileStatus status() {
        return status;
    }

    ValidationStatus validationStatus() {
        return validationStatus;
    }

    String validationReport() {
        return validationReport;
    }

    String service() {
        return service;
    }

    String declaredBuild() {
        return declaredBuild;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant storedAt() {
        return storedAt;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    @Override
    public UUID getId() {
        return id;
    }
}
