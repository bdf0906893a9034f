-- The data-protection key ring behind browser sessions, shared by every silo; each element arrives encrypted under the master key.

CREATE TABLE session_keys (
    name       TEXT        NOT NULL PRIMARY KEY,
    element    TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
