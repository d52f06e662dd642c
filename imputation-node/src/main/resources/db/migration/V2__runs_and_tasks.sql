-- Runs belong to the hub that submitted them; their input files are listed relative to the working directory.
ALTER TABLE wes_run ADD COLUMN owner_hub text NOT NULL DEFAULT '';
ALTER TABLE wes_run ALTER COLUMN owner_hub DROP DEFAULT;
ALTER TABLE wes_run ADD COLUMN inputs jsonb NOT NULL DEFAULT '[]'::jsonb;

-- GET /runs pages a hub's runs newest first by (created_at, run_id).
CREATE INDEX wes_run_hub_page ON wes_run (owner_hub, created_at DESC, run_id DESC);

-- The steps of a run, served as WES task logs; their stdout and stderr are files in the run's working directory.
CREATE TABLE wes_task (
    run_id     uuid        NOT NULL REFERENCES wes_run (run_id) ON DELETE CASCADE,
    seq        integer     NOT NULL,
    name       text        NOT NULL,
    cmd        jsonb       NOT NULL,
    start_time timestamptz NOT NULL,
    end_time   timestamptz,
    exit_code  integer,
    stdout     text        NOT NULL,
    stderr     text        NOT NULL,
    PRIMARY KEY (run_id, seq)
);

-- db-scheduler's table: the durable queue of runs to execute.
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
