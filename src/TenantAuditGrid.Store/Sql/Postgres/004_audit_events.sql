-- The audit store's directoryAudit events. Ready for distribution by tenant: tenant_id leads every key and index.
-- Partitioned by month on activity_date_time; partitions are created on demand by ensure_audit_events_partition.
-- The primary key has to contain the partition key. Deduplication on (tenant_id, source, id) still holds because an
-- event's activityDateTime never changes: every copy of an event lands in the same partition with the same key.

CREATE EXTENSION IF NOT EXISTS btree_gin;

CREATE TABLE audit_events (
    tenant_id                      text COLLATE "C" NOT NULL,
    source                         text        NOT NULL CHECK (source IN ('graph', 'upload')),
    id                             text COLLATE "C" NOT NULL,
    activity_date_time             timestamptz NOT NULL,
    activity_display_name          text        NULL,
    category                       text        NULL,
    correlation_id                 text        NULL,
    logged_by_service              text        NULL,
    operation_type                 text        NULL,
    result                         text        NULL,
    initiated_by_user_id           text        NULL,
    initiated_by_user_upn          text        NULL,
    initiated_by_user_display_name text        NULL,
    initiated_by_app_id            text        NULL,
    initiated_by_app_display_name  text        NULL,
    payload                        jsonb       NOT NULL,
    ingested_at                    timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, source, id, activity_date_time)
) PARTITION BY RANGE (activity_date_time);

-- Time range per tenant, newest first (Graph's default order and the sync engine's coverage checks).
CREATE INDEX ix_audit_events_time ON audit_events (tenant_id, activity_date_time DESC);
CREATE INDEX ix_audit_events_category ON audit_events (tenant_id, category, activity_date_time DESC);
-- text_pattern_ops serves both eq and startswith (LIKE 'prefix%') whatever the database collation.
CREATE INDEX ix_audit_events_activity ON audit_events (tenant_id, activity_display_name text_pattern_ops);
CREATE INDEX ix_audit_events_user ON audit_events (tenant_id, initiated_by_user_id) WHERE initiated_by_user_id IS NOT NULL;
CREATE INDEX ix_audit_events_upn ON audit_events (tenant_id, initiated_by_user_upn text_pattern_ops) WHERE initiated_by_user_upn IS NOT NULL;
CREATE INDEX ix_audit_events_app ON audit_events (tenant_id, initiated_by_app_id) WHERE initiated_by_app_id IS NOT NULL;
CREATE INDEX ix_audit_events_correlation ON audit_events (tenant_id, correlation_id) WHERE correlation_id IS NOT NULL;
-- targetResources/any(t: t/id eq '…') becomes payload -> 'targetResources' @> '[{"id": "…"}]'.
CREATE INDEX ix_audit_events_targets ON audit_events USING gin (tenant_id, (payload -> 'targetResources') jsonb_path_ops);

-- Creates the month's partition if it is missing. Writers call it before inserting into a month they have not seen.
-- Concurrent callers for the same month queue on an advisory lock; the one that waited then finds the partition in
-- pg_class (a fresh snapshot per statement; the relation cache could still be stale) and returns.
CREATE FUNCTION ensure_audit_events_partition(any_day date) RETURNS void
LANGUAGE plpgsql AS $fn$
DECLARE
    first_day      date := date_trunc('month', any_day)::date;
    partition_name text := 'audit_events_' || to_char(first_day, 'YYYY_MM');
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('audit_events_partition'), to_char(first_day, 'YYYYMM')::integer);
    IF EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
               WHERE c.relname = partition_name AND n.nspname = current_schema()) THEN
        RETURN;
    END IF;
    EXECUTE format('CREATE TABLE %I PARTITION OF audit_events FOR VALUES FROM (%L) TO (%L)',
                   partition_name,
                   to_char(first_day, 'YYYY-MM-DD') || ' 00:00:00+00',
                   to_char((first_day + interval '1 month')::date, 'YYYY-MM-DD') || ' 00:00:00+00');
END
$fn$;

CREATE TABLE security_actions (
    tenant_id             text COLLATE "C" NOT NULL,
    id                    text COLLATE "C" NOT NULL,
    name                  text        NULL,
    status                text        NULL,
    action_reason         text        NULL,
    created_date_time     timestamptz NULL,
    last_action_date_time timestamptz NULL,
    completed_date_time   timestamptz NULL,
    payload               jsonb       NOT NULL,
    updated_at            timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

CREATE INDEX ix_security_actions_status ON security_actions (tenant_id, status);
