-- API keys for scripts: only a hash is stored; the prefix lets the owner tell keys apart.
CREATE TABLE api_key (
    id           uuid PRIMARY KEY,
    user_id      uuid        NOT NULL REFERENCES user_account (id) ON DELETE CASCADE,
    name         text        NOT NULL,
    prefix       text        NOT NULL,
    key_hash     text        NOT NULL UNIQUE,
    scopes       text        NOT NULL,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz,
    last_used_at timestamptz,
    revoked_at   timestamptz
);

CREATE INDEX api_key_user ON api_key (user_id);
