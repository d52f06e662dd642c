-- The order the relay takes pending events in. created_at is the event's own time: events written in one
-- transaction share it and rows of concurrent transactions can tie on it, so it does not say which was written
-- first. The position does; rows already here are numbered by created_at, the order the relay used so far.
ALTER TABLE event_outbox ADD COLUMN position bigint;

UPDATE event_outbox
   SET position = numbered.position
  FROM (SELECT id, row_number() OVER (ORDER BY created_at, id) AS position FROM event_outbox) numbered
 WHERE event_outbox.id = numbered.id;

ALTER TABLE event_outbox ALTER COLUMN position SET NOT NULL;
ALTER TABLE event_outbox ALTER COLUMN position ADD GENERATED ALWAYS AS IDENTITY;
SELECT setval(pg_get_serial_sequence('event_outbox', 'position'), max(position)) FROM event_outbox;

DROP INDEX event_outbox_unpublished;
CREATE INDEX event_outbox_unpublished ON event_outbox (position) WHERE published_at IS NULL;
