-- Every file file-manager holds: who owns it, what it is for, where its content lies in storage (under a generated,
-- opaque key, never the user's file name), its checksums, and when retention deletes it.
CREATE TABLE stored_file (
    id                uuid PRIMARY KEY,
    owner_id          uuid        NOT NULL,
    job_id            uuid,
    kind              text        NOT NULL CHECK (kind IN ('INPUT', 'RESULT', 'TEMP')),
    -- The sanitised display name: no directories, no control characters.
    file_name         text        NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
    storage_key       text        NOT NULL UNIQUE,
    content_type      text        NOT NULL,
    size_bytes        bigint      NOT NULL DEFAULT 0 CHECK (size_bytes >= 0),
    sha256            text        CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    md5               text        CHECK (md5 ~ '^[0-9a-f]{32}$'),
    -- UPLOADING while the content streams into storage, STORED once complete, DELETING from the moment its owner
    -- or retention removes it until storage has let go of the content.
    status            text        NOT NULL CHECK (status IN ('UPLOADING', 'STORED', 'DELETING')),
    validation_status text        NOT NULL
                                  CHECK (validation_status IN ('NOT_APPLICABLE', 'PENDING', 'VALID', 'INVALID')),
    validation_report jsonb,
    -- The imputation service the file is meant for and the genome build its owner declared, for validation.
    service_slug      text,
    declared_build    text,
    -- The tus upload the file came from, so a client that missed the final answer can still find its file.
    upload_id         text        UNIQUE,
    created_at        timestamptz NOT NULL,
    stored_at         timestamptz,
    expires_at        timestamptz NOT NULL,
    expiry_warned_at  timestamptz,
    version           bigint      NOT NULL DEFAULT 0,
    CHECK (status <> 'STORED' OR (sha256 IS NOT NULL AND md5 IS NOT NULL AND stored_at IS NOT NULL))
);

CREATE INDEX stored_file_owner ON stored_file (owner_id, created_at DESC);
CREATE INDEX stored_file_job ON stored_file (job_id) WHERE job_id IS NOT NULL;
CREATE INDEX stored_file_expiry ON stored_file (expires_at) WHERE status = 'STORED';
CREATE INDEX stored_file_unfinished ON stored_file (status, created_at) WHERE status <> 'STORED';
