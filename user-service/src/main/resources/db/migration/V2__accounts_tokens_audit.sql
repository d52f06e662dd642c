-- Accounts: e-mail is unique whatever its case; failed logins are counted for the lockout.
CREATE TABLE user_account (
    id                    uuid PRIMARY KEY,
    email                 text        NOT NULL,
    password_hash         text        NOT NULL,
    display_name          text        NOT NULL,
    institution           text,
    role                  text        NOT NULL CHECK (role IN ('RESEARCHER', 'ADMIN')),
    tier                  text        NOT NULL CHECK (tier IN ('FREE', 'PREMIUM')),
    enabled               boolean     NOT NULL DEFAULT true,
    failed_logins         integer     NOT NULL DEFAULT 0,
    first_failed_login_at timestamptz,
    locked_until          timestamptz,
    password_changed_at   timestamptz NOT NULL,
    created_at            timestamptz NOT NULL,
    version               bigint      NOT NULL DEFAULT 0
);

CREATE UNIQUE INDEX user_account_email_unique ON user_account (lower(email));

-- Refresh tokens are stored only as hashes; tokens rotated from one login form a family, revoked together
-- when a used token is presented again.
CREATE TABLE refresh_token (
    id         uuid PRIMARY KEY,
    user_id    uuid        NOT NULL REFERENCES user_account (id) ON DELETE CASCADE,
    family_id  uuid        NOT NULL,
    token_hash text        NOT NULL UNIQUE,
    issued_at  timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    revoked_at timestamptz
);

CREATE INDEX refresh_token_family ON refresh_token (family_id);

-- The RS256 keys that sign access tokens; private keys encrypted with the service's secrets key. A key is
-- published from creation, signs from active_from, and is published until retire_after.
CREATE TABLE signing_key (
    kid          text PRIMARY KEY,
    public_jwk   text        NOT NULL,
    private_key  bytea       NOT NULL,
    created_at   timestamptz NOT NULL,
    active_from  timestamptz NOT NULL,
    retire_after timestamptz
);

-- Security events, append-only: no row is ever changed or removed.
CREATE TABLE audit_event (
    id          bigserial PRIMARY KEY,
    occurred_at timestamptz NOT NULL,
    type        text        NOT NULL,
    user_id     uuid,
    actor_id    uuid,
    ip          text,
    detail      text
);

CREATE INDEX audit_event_user ON audit_event (user_id, occurred_at DESC);

CREATE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only';
END
$$;

CREATE TRIGGER audit_event_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();

CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only();
