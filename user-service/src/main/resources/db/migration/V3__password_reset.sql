-- Single-use password reset tokens, stored only as hashes.
CREATE TABLE password_reset (
    token_hash text PRIMARY KEY,
    user_id    uuid        NOT NULL REFERENCES user_account (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);

CREATE INDEX password_reset_user ON password_reset (user_id);
CREATE INDEX user_account_created ON user_account (created_at DESC);
