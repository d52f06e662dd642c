-- Workflow runs of the node's GA4GH WES API: the request as received, its state and where it works, so that a
-- restarted node knows every run it had.
CREATE TABLE wes_run (
    run_id        uuid PRIMARY KEY,
    state         text        NOT NULL,
    workflow_type text        NOT NULL,
    workflow_url  text        NOT NULL,
    request       jsonb       NOT NULL,
    tags          jsonb       NOT NULL DEFAULT '{}'::jsonb,
    work_dir      text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    start_time    timestamptz,
    end_time      timestamptz,
    exit_code     integer,
    outputs       jsonb       NOT NULL DEFAULT '{}'::jsonb,
    error         text
);

CREATE INDEX wes_run_state ON wes_run (state);
