-- PostgreSQL's 011: API keys, stored as the SHA-256 hash of their secret half; revoked keys stay for the audit trail.

CREATE TABLE api_keys (
    key_id       TEXT NOT NULL PRIMARY KEY,
    display_name TEXT NOT NULL,
    role         TEXT NOT NULL,
    secret_hash  BLOB NOT NULL,
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    expires_at   TEXT NULL,
    last_used_at TEXT NULL,
    revoked_at   TEXT NULL,
    revoked_by   TEXT NULL
);
