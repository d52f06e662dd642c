CREATE TABLE event_outbox (
    id           uuid PRIMARY KEY,
    stream       text        NOT NULL,
    type         text        NOT NULL,
    subject      text        NOT NULL,
    envelope     jsonb       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz
);

CREATE INDEX event_outbox_unpublished ON event_outbox (created_at) WHERE published_at IS NULL;
