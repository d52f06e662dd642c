-- The live stream's order: a sequence number per notification, the SSE event id a client resumes from
-- (Last-Event-ID). A user's notifications commit in the order of their numbers, so a client that has seen number n
-- never gets a smaller one later: the trigger takes a per-user lock, held until the inserting transaction ends,
-- before drawing the number. (created_at is the event's time, not the insert order.)
CREATE SEQUENCE notification_seq;

ALTER TABLE notification ADD COLUMN seq bigint;

UPDATE notification SET seq = ordered.n
FROM (SELECT id, nextval('notification_seq') AS n FROM (SELECT id FROM notification ORDER BY created_at, id) oldest)
    AS ordered
WHERE notification.id = ordered.id;

ALTER TABLE notification ALTER COLUMN seq SET NOT NULL;

CREATE FUNCTION notification_number() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended('notification:' || NEW.user_id::text, 0));
    NEW.seq := nextval('notification_seq');
    RETURN NEW;
END
$$;

CREATE TRIGGER notification_number BEFORE INSERT ON notification
    FOR EACH ROW EXECUTE FUNCTION notification_number();

CREATE UNIQUE INDEX notification_stream ON notification (user_id, seq);
