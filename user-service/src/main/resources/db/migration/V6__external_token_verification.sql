-- What the external server said about a token when it was saved, where it could be asked.
ALTER TABLE external_token
    ADD COLUMN verified_at       timestamptz,
    ADD COLUMN remote_expires_at text,
    ADD COLUMN remote_username   text;
