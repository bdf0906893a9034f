-- The embedded store's tables: the same logical tables as PostgreSQL's 004 and 005, in one file without partitions.
-- audit_events is a rowid table with a unique key rather than WITHOUT ROWID: its rows carry kilobytes of JSON, which SQLite
-- stores far more cheaply in a rowid table.

CREATE TABLE IF NOT EXISTS audit_events (
    tenant_id                      TEXT NOT NULL,
    source                         TEXT NOT NULL CHECK (source IN ('graph', 'upload')),
    id                             TEXT NOT NULL,
    activity_date_time             TEXT NOT NULL,
    activity_display_name          TEXT NULL,
    category                       TEXT NULL,
    correlation_id                 TEXT NULL,
    logged_by_service              TEXT NULL,
    operation_type                 TEXT NULL,
    result                         TEXT NULL,
    initiated_by_user_id           TEXT NULL,
    initiated_by_user_upn          TEXT NULL,
    initiated_by_user_display_name TEXT NULL,
    initiated_by_app_id            TEXT NULL,
    initiated_by_app_display_name  TEXT NULL,
    payload                        TEXT NOT NULL,
    ingested_at                    TEXT NOT NULL,
    UNIQUE (tenant_id, source, id)
);
CREATE INDEX IF NOT EXISTS ix_audit_events_time ON audit_events (tenant_id, activity_date_time DESC);
CREATE INDEX IF NOT EXISTS ix_audit_events_keyset ON audit_events (activity_date_time DESC, tenant_id DESC, id DESC);
CREATE INDEX IF NOT EXISTS ix_audit_events_category ON audit_events (tenant_id, category, activity_date_time DESC);
CREATE INDEX IF NOT EXISTS ix_audit_events_activity ON audit_events (tenant_id, activity_display_name);
CREATE INDEX IF NOT EXISTS ix_audit_events_user ON audit_events (tenant_id, initiated_by_user_id) WHERE initiated_by_user_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS ix_audit_events_upn ON audit_events (tenant_id, initiated_by_user_upn) WHERE initiated_by_user_upn IS NOT NULL;
CREATE INDEX IF NOT EXISTS ix_audit_events_app ON audit_events (tenant_id, initiated_by_app_id) WHERE initiated_by_app_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS ix_audit_events_correlation ON audit_events (tenant_id, correlation_id) WHERE correlation_id IS NOT NULL;

CREATE TABLE IF NOT EXISTS security_actions (
    tenant_id             TEXT NOT NULL,
    id                    TEXT NOT NULL,
    name                  TEXT NULL,
    status                TEXT NULL,
    action_reason         TEXT NULL,
    created_date_time     TEXT NULL,
    last_action_date_time TEXT NULL,
    completed_date_time   TEXT NULL,
    payload               TEXT NOT NULL,
    updated_at            TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS ix_security_actions_status ON security_actions (tenant_id, status);

CREATE TABLE IF NOT EXISTS tenant_status (
    tenant_id       TEXT NOT NULL PRIMARY KEY,
    display_name    TEXT NULL,
    tags            TEXT NOT NULL DEFAULT '[]',
    enabled_sources TEXT NOT NULL DEFAULT '[]',
    health_state    TEXT NOT NULL,
    health_since    TEXT NULL,
    last_error_code TEXT NULL,
    remediation     TEXT NULL,
    capabilities    TEXT NULL,
    updated_at      TEXT NOT NULL,
    version         INTEGER NOT NULL
) WITHOUT ROWID;
