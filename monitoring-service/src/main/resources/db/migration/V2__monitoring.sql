-- The platform's own services as the last poll saw them: one row per configured service.
CREATE TABLE platform_service (
    name       text        PRIMARY KEY,
    base_url   text        NOT NULL,
    status     text        NOT NULL CHECK (status IN ('UP', 'DOWN', 'UNKNOWN')),
    version    text,
    error      text,
    checked_at timestamptz,
    changed_at timestamptz
);

-- Every change of a platform service's status or version, as the polls saw it.
CREATE TABLE platform_health_change (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    service         text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('UP', 'DOWN', 'UNKNOWN')),
    previous_status text        NOT NULL CHECK (previous_status IN ('UP', 'DOWN', 'UNKNOWN')),
    version         text,
    previous_version text,
    error           text,
    changed_at      timestamptz NOT NULL
);

CREATE INDEX platform_health_change_recent ON platform_health_change (changed_at DESC, id DESC);
CREATE INDEX platform_health_change_service ON platform_health_change (service, changed_at DESC, id DESC);

-- External imputation services: names and slugs from the registry's catalogue, health from service.health-changed.
-- status_at is the registry's check time of the status held, so an older report never overwrites a newer one.
CREATE TABLE external_service (
    id        uuid        PRIMARY KEY,
    slug      text        NOT NULL,
    name      text,
    status    text        NOT NULL CHECK (status IN ('UP', 'DOWN', 'UNKNOWN')),
    status_at timestamptz,
    seen_at   timestamptz NOT NULL
);

-- The job analytics' read model: one row per job, built from job.* events only. status only moves forward
-- (SUBMITTED < QUEUED < RUNNING < COMPLETED | FAILED | CANCELLED); each stage's time is kept from the event that
-- reported it, whatever order the events arrived in. user_id is cleared when the account is deleted.
CREATE TABLE job_record (
    job_id          uuid        PRIMARY KEY,
    user_id         uuid,
    service_id      uuid        NOT NULL,
    reference_panel text,
    build           text,
    input_bytes     bigint      CHECK (input_bytes >= 0),
    status          text        NOT NULL
                                CHECK (status IN ('SUBMITTED', 'QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED')),
    submitted_at    timestamptz,
    queued_at       timestamptz,
    started_at      timestamptz,
    finished_at     timestamptz,
    failure_reason  text,
    -- The earliest time any event of the job reported: its submission time until job.submitted itself arrives.
    first_seen_at   timestamptz NOT NULL
);

CREATE INDEX job_record_submitted ON job_record ((coalesce(submitted_at, first_seen_at)));
CREATE INDEX job_record_active ON job_record (status) WHERE status IN ('QUEUED', 'RUNNING');
CREATE INDEX job_record_finished ON job_record (finished_at) WHERE finished_at IS NOT NULL;
CREATE INDEX job_record_user ON job_record (user_id);
