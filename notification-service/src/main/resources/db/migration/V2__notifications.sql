-- In-app notifications: one per event and user, however often the event is delivered.
CREATE TABLE notification (
    id          uuid        PRIMARY KEY,
    user_id     uuid        NOT NULL,
    event_id    text        NOT NULL,
    event_type  text        NOT NULL,
    title       text        NOT NULL,
    body        text        NOT NULL,
    link        text,
    created_at  timestamptz NOT NULL,
    read_at     timestamptz,
    UNIQUE (event_id, user_id)
);

-- The inbox order: unread first, then newest.
CREATE INDEX notification_inbox ON notification (user_id, (read_at IS NULL) DESC, created_at DESC);

-- Per user and event type: which channels are on. No row means both are.
CREATE TABLE notification_preference (
    user_id    uuid    NOT NULL,
    event_type text    NOT NULL,
    email      boolean NOT NULL,
    in_app     boolean NOT NULL,
    PRIMARY KEY (user_id, event_type)
);

-- Per user: when mails may arrive (quiet hours in the user's time zone) and whether they come as a daily digest.
CREATE TABLE delivery_schedule (
    user_id      uuid    PRIMARY KEY,
    quiet_from   time,
    quiet_until  time,
    time_zone    text    NOT NULL,
    daily_digest boolean NOT NULL,
    CHECK ((quiet_from IS NULL) = (quiet_until IS NULL))
);

-- The durable queue of mails: written in the event's transaction, drained by the sender. A redelivered event hits
-- the unique key and queues nothing. state: PENDING (to send at not_before), DIGEST (held for the daily digest),
-- DIGESTED (went out in a digest), SENT, FAILED (gave up), DROPPED (no active account to write to).
CREATE TABLE mail_outbox (
    id          uuid        PRIMARY KEY,
    event_id    text        NOT NULL,
    template    text        NOT NULL,
    user_id     uuid,
    address     text,
    subject     text        NOT NULL,
    summary     text        NOT NULL,
    model       jsonb,
    occurred_at timestamptz NOT NULL,
    queued_at   timestamptz NOT NULL,
    state       text        NOT NULL,
    not_before  timestamptz NOT NULL,
    attempts    integer     NOT NULL DEFAULT 0,
    last_error  text,
    sent_at     timestamptz,
    CHECK (user_id IS NOT NULL OR address IS NOT NULL)
);

CREATE UNIQUE INDEX mail_outbox_once ON mail_outbox (event_id, template, coalesce(user_id::text, address));
CREATE INDEX mail_outbox_due ON mail_outbox (not_before) WHERE state = 'PENDING';
CREATE INDEX mail_outbox_digest ON mail_outbox (user_id, queued_at) WHERE state = 'DIGEST';

-- The names researchers gave their jobs, from job.submitted, so later mails about a job can name it.
CREATE TABLE known_job (
    job_id  uuid PRIMARY KEY,
    user_id uuid NOT NULL,
    name    text NOT NULL
);
CREATE INDEX known_job_user ON known_job (user_id);
