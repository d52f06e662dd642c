CREATE TABLE processed_event (
    event_id     text        NOT NULL,
    consumer     text        NOT NULL,
    event_type   text        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
CREATE INDEX processed_event_age ON processed_event (processed_at);

-- What the tests' handlers did; deliberately without a key, so that a second effect would show as a second row.
CREATE TABLE handled_event (
    consumer   text NOT NULL,
    event_id   text NOT NULL,
    event_type text NOT NULL
);
