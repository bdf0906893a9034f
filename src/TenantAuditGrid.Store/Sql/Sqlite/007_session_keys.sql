-- PostgreSQL's 013: the data-protection key ring behind browser sessions; each element arrives encrypted under the master key.

CREATE TABLE session_keys (
    name       TEXT NOT NULL PRIMARY KEY,
    element    TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
