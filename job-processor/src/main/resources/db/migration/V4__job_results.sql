-- Each output of a finished remote job as soon as it is stored in file-manager, so that a retry after a failed store
-- downloads only the outputs still missing (Cloudgene counts every download against a file's budget) and the owner
-- never gets the same result twice.
CREATE TABLE job_result (
    job_id    uuid        NOT NULL REFERENCES imputation_job (id) ON DELETE CASCADE,
    output    text        NOT NULL,
    file_id   uuid        NOT NULL,
    stored_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (job_id, output)
);
