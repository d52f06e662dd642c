-- The transactional outbox: an event is written here in the same transaction as the change it reports,
-- and a relay appends it to the service's Redis stream, so no change is ever published without being stored
-- nor stored without being published.
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
