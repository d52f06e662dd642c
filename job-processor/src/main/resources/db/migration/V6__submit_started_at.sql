-- When a submit to the job's server was last begun and its answer not yet recorded: set before the call, in a
-- transaction of its own, so that a job-processor stopped between the server taking the job and the answer being
-- stored looks the job up on the server first instead of sending it a second time.
ALTER TABLE imputation_job ADD COLUMN submit_started_at timestamptz;
