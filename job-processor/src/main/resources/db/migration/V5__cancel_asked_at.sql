-- When the job's server was last asked to cancel it: the request and the polls take turns to ask, so that one ask
-- at a time is under way and an unconfirmed cancel is asked again only a cancel-ask interval later.
ALTER TABLE imputation_job ADD COLUMN cancel_asked_at timestamptz;
