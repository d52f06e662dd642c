-- Researchers' own tokens for external imputation servers, encrypted with the service's secrets key; only the last
-- characters are kept readable, to show which token is stored.
CREATE TABLE external_token (
    user_id    uuid        NOT NULL REFERENCES user_account (id) ON DELETE CASCADE,
    service    text        NOT NULL,
    token      bytea       NOT NULL,
    last_chars text        NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (user_id, service)
);
