-- API keys for automation. Only the SHA-256 hash of a key's secret half is stored; key_id is the public half, so a request
-- finds its row by primary key and compares hashes in constant time. Revoked keys stay, for the audit trail.

CREATE TABLE api_keys (
    key_id       text COLLATE "C" PRIMARY KEY,
    display_name text        NOT NULL,
    role         text        NOT NULL,
    secret_hash  bytea       NOT NULL,
    created_at   timestamptz NOT NULL,
    created_by   text        NOT NULL,
    expires_at   timestamptz NULL,
    last_used_at timestamptz NULL,
    revoked_at   timestamptz NULL,
    revoked_by   text        NULL
);
