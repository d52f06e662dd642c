-- Imputation jobs, every transition they went through, and db-scheduler's durable queue of dispatch and poll work.
CREATE TABLE imputation_job (
    id                  uuid PRIMARY KEY,
    user_id             uuid        NOT NULL,
    batch_id            uuid,
    retry_of            uuid,
    name                text        NOT NULL,
    description         text,
    service_id          uuid        NOT NULL,
    service_slug        text        NOT NULL,
    service_kind        text        NOT NULL,
    reference_panel     text        NOT NULL,
    build               text        NOT NULL,
    population          text        NOT NULL,
    phasing             text        NOT NULL,
    r2_filter           text        NOT NULL,
    mode                text        NOT NULL,
    input_file_ids      uuid[]      NOT NULL,
    input_bytes         bigint      NOT NULL,
    status              text        NOT NULL,
    remote_job_id       text,
    remote_state        text,
    queue_position      integer,
    step                text,
    message             text,
    failure_reason      text,
    result_file_ids     uuid[]      NOT NULL DEFAULT '{}',
    result_password     bytea       NOT NULL,
    poll_interval_ms    bigint      NOT NULL,
    dispatch_attempts   integer     NOT NULL DEFAULT 0,
    unavailable_since   timestamptz,
    cancel_requested_at timestamptz,
    submitted_at        timestamptz NOT NULL,
    started_at          timestamptz,
    finished_at         timestamptz,
    updated_at          timestamptz NOT NULL,
    version             bigint      NOT NULL
);

CREATE INDEX imputation_job_user ON imputation_job (user_id, submitted_at DESC);
CREATE INDEX imputation_job_status ON imputation_job (status);
CREATE INDEX imputation_job_batch ON imputation_job (batch_id) WHERE batch_id IS NOT NULL;

CREATE TABLE job_transition (
    id           uuid PRIMARY KEY,
    seq          bigint GENERATED ALWAYS AS IDENTITY,
    job_id       uuid        NOT NULL REFERENCES imputation_job (id) ON DELETE CASCADE,
    from_status  text,
    to_status    text        NOT NULL,
    at           timestamptz NOT NULL,
    reason       text,
    remote_state text
);

CREATE INDEX job_transition_job ON job_transition (job_id, seq);

-- db-scheduler's table (its PostgreSQL definition), polled by every job-processor instance with row locking.
CREATE TABLE scheduled_tasks (
    task_name            text                     NOT NULL,
    task_instance        text                     NOT NULL,
    task_data            bytea,
    execution_time       timestamp with time zone NOT NULL,
    picked               boolean                  NOT NULL,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures integer,
    last_heartbeat       timestamp with time zone,
    version              bigint                   NOT NULL,
    priority             smallint,
    PRIMARY KEY (task_name, task_instance)
);

CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);

-- Events this service consumed (user.deleted), so a redelivered event has no second effect.
CREATE TABLE processed_event (
    event_id     text        NOT NULL,
    consumer     text        NOT NULL,
    event_type   text        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);

CREATE INDEX processed_event_age ON processed_event (processed_at);

-- A researcher's saved job configuration, to submit again with other files.
CREATE TABLE job_template (
    id              uuid PRIMARY KEY,
    user_id         uuid        NOT NULL,
    name            text        NOT NULL,
    description     text,
    service         text        NOT NULL,
    reference_panel text        NOT NULL,
    build           text        NOT NULL,
    population      text,
    phasing         text,
    r2_filter       text,
    mode            text,
    created_at      timestamptz NOT NULL,
    UNIQUE (user_id, name)
);
