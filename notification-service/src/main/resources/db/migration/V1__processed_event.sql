-- The ids of events this service has already acted on: streams deliver at least once, so a redelivered event
-- is recognised here and has no second effect.
CREATE TABLE processed_event (
    event_id     text        NOT NULL,
    consumer     text        NOT NULL,
    event_type   text        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);

CREATE INDEX processed_event_age ON processed_event (processed_at);
