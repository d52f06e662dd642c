-- Accounts deleted and forgotten here. Events about a deleted account can still arrive after its user.deleted (the
-- cancellations of its unfinished jobs are published in answer to it), and must leave no notification or mail
-- behind; the row holds nothing about the person but the id of an account that no longer exists.
CREATE TABLE forgotten_user (
    user_id      uuid        PRIMARY KEY,
    forgotten_at timestamptz NOT NULL
);
