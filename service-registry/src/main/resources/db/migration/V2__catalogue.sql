-- The catalogue: where imputation can run (imputation services) and with which reference panels.
CREATE TABLE imputation_service (
    id                  uuid PRIMARY KEY,
    slug                text             NOT NULL UNIQUE,
    name                text             NOT NULL,
    kind                text             NOT NULL CHECK (kind IN ('MICHIGAN', 'GA4GH_WES')),
    base_url            text             NOT NULL,
    michigan_app_id     text,
    description         text,
    country             text,
    city                text,
    latitude            double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude           double precision CHECK (longitude BETWEEN -180 AND 180),
    supported_builds    text[]           NOT NULL DEFAULT '{}',
    input_formats       text[]           NOT NULL DEFAULT '{}',
    max_upload_bytes    bigint           CHECK (max_upload_bytes > 0),
    requires_user_token boolean          NOT NULL DEFAULT false,
    active              boolean          NOT NULL DEFAULT true,
    -- A token of the registry's own account on a Michigan-type server (its apps are listed only to a signed-in
    -- user), AES-GCM encrypted; never returned by the API.
    catalogue_token     bytea,
    connect_timeout_ms  integer          NOT NULL DEFAULT 30000 CHECK (connect_timeout_ms > 0),
    read_timeout_ms     integer          NOT NULL DEFAULT 10000 CHECK (read_timeout_ms > 0),
    created_at          timestamptz      NOT NULL,
    updated_at          timestamptz      NOT NULL,
    version             bigint           NOT NULL DEFAULT 0
);

CREATE TABLE reference_panel (
    id            uuid PRIMARY KEY,
    service_id    uuid        NOT NULL REFERENCES imputation_service (id) ON DELETE CASCADE,
    remote_key    text        NOT NULL,
    display_name  text        NOT NULL,
    build         text,
    populations   text[]      NOT NULL DEFAULT '{}',
    sample_count  integer     CHECK (sample_count >= 0),
    variant_count bigint      CHECK (variant_count >= 0),
    available     boolean     NOT NULL DEFAULT true,
    origin        text        NOT NULL CHECK (origin IN ('MANUAL', 'SYNCED')),
    -- When a sync last found the panel on its server, and since when it has been missing there.
    last_seen_at  timestamptz,
    missing_since timestamptz,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    version       bigint      NOT NULL DEFAULT 0,
    UNIQUE (service_id, remote_key)
);

CREATE INDEX reference_panel_service ON reference_panel (service_id);

-- What the health probes last saw of each service, and the deactivation that long unhealthiness brings.
CREATE TABLE service_status (
    service_id          uuid PRIMARY KEY REFERENCES imputation_service (id) ON DELETE CASCADE,
    health              text        NOT NULL DEFAULT 'UNKNOWN' CHECK (health IN ('UNKNOWN', 'HEALTHY', 'UNHEALTHY')),
    last_checked_at     timestamptz,
    last_response_ms    integer,
    last_error          text,
    first_unhealthy_at  timestamptz,
    deactivated_at      timestamptz,
    deactivation_reason text,
    -- A deactivated service that answered again: it returns once an admin approves.
    answering_again_at  timestamptz
);

-- Every probe's outcome: the history behind uptime and response-time percentiles.
CREATE TABLE health_check (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    service_id  uuid        NOT NULL REFERENCES imputation_service (id) ON DELETE CASCADE,
    checked_at  timestamptz NOT NULL,
    health      text        NOT NULL CHECK (health IN ('HEALTHY', 'UNHEALTHY')),
    response_ms integer,
    http_status integer,
    error       text
);

CREATE INDEX health_check_service_time ON health_check (service_id, checked_at DESC);
CREATE INDEX health_check_age ON health_check (checked_at);

-- The report of each panel sync: what was added, updated and found missing, or why it failed.
CREATE TABLE panel_sync (
    id          uuid PRIMARY KEY,
    service_id  uuid        NOT NULL REFERENCES imputation_service (id) ON DELETE CASCADE,
    trigger     text        NOT NULL CHECK (trigger IN ('MANUAL', 'SCHEDULED')),
    started_at  timestamptz NOT NULL,
    finished_at timestamptz NOT NULL,
    added       integer     NOT NULL DEFAULT 0,
    updated     integer     NOT NULL DEFAULT 0,
    missing     integer     NOT NULL DEFAULT 0,
    changes     jsonb       NOT NULL DEFAULT '[]',
    error       text
);

CREATE INDEX panel_sync_service_time ON panel_sync (service_id, started_at DESC);

-- How jobs on each service ended, from job-processor's events: the recent success rate discovery ranks by.
CREATE TABLE job_outcome (
    job_id      uuid PRIMARY KEY,
    service_id  uuid        NOT NULL,
    succeeded   boolean     NOT NULL,
    finished_at timestamptz NOT NULL
);

CREATE INDEX job_outcome_service_time ON job_outcome (service_id, finished_at DESC);

-- The ids of events this service has already acted on (streams deliver at least once).
CREATE TABLE processed_event (
    event_id     text        NOT NULL,
    consumer     text        NOT NULL,
    event_type   text        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);

CREATE INDEX processed_event_age ON processed_event (processed_at);
