-- Rollups of audit_events for /api/reports/directoryAudits/counts: event counts per time bucket and per value of the groupable
-- properties, kept exact by statement-level triggers in the same transaction as every INSERT and DELETE on audit_events.
-- The insert trigger sees only the rows the statement really inserted (INSERT … ON CONFLICT DO NOTHING leaves duplicates out of
-- the transition table), so a re-fetched batch never counts twice. The query layer sums the rollups for the whole buckets inside a
-- filter's time range and reads the raw table only for the partial buckets at its edges (see AuditCountsSqlBuilder).
--
--   audit_event_counts_hourly: every groupable property; serves interval=1h and any filter on those properties.
--   audit_event_counts_daily:  tenant, category and result only; a 7-day tenants × categories report sums about
--                              tenants × 7 × (categories × results) rows instead of every event.
--
-- NULLS NOT DISTINCT (PostgreSQL 15+) makes a missing category one group, as GROUP BY does, so the upsert finds its row.
-- Dropping or truncating an audit_events partition fires no trigger: whoever does that must delete the same buckets here.

CREATE TABLE audit_event_counts_hourly (
    bucket_start          timestamptz      NOT NULL,
    tenant_id             text COLLATE "C" NOT NULL,
    source                text             NOT NULL,
    category              text             NULL,
    result                text             NULL,
    activity_display_name text             NULL,
    logged_by_service     text             NULL,
    operation_type        text             NULL,
    event_count           bigint           NOT NULL,
    CONSTRAINT uq_audit_event_counts_hourly UNIQUE NULLS NOT DISTINCT
        (bucket_start, tenant_id, source, category, result, activity_display_name, logged_by_service, operation_type)
);

CREATE TABLE audit_event_counts_daily (
    bucket_start timestamptz      NOT NULL,
    tenant_id    text COLLATE "C" NOT NULL,
    source       text             NOT NULL,
    category     text             NULL,
    result       text             NULL,
    event_count  bigint           NOT NULL,
    CONSTRAINT uq_audit_event_counts_daily UNIQUE NULLS NOT DISTINCT (bucket_start, tenant_id, source, category, result)
);

-- One function for both triggers: each names its transition table changed_rows (inserted rows, or deleted rows) and the sign
-- comes from the operation. Rows are upserted in key order so concurrent writers of overlapping batches cannot deadlock.
CREATE FUNCTION audit_event_counts_apply() RETURNS trigger
LANGUAGE plpgsql AS $fn$
DECLARE
    delta_sign integer := CASE WHEN TG_OP = 'DELETE' THEN -1 ELSE 1 END;
BEGIN
    INSERT INTO audit_event_counts_hourly AS c
        (bucket_start, tenant_id, source, category, result, activity_display_name, logged_by_service, operation_type, event_count)
    SELECT date_bin(interval '1 hour', activity_date_time, TIMESTAMPTZ '1970-01-01 00:00:00+00'), tenant_id, source, category, result,
           activity_display_name, logged_by_service, operation_type, delta_sign * count(*)
    FROM changed_rows
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
    ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
    ON CONFLICT ON CONSTRAINT uq_audit_event_counts_hourly DO UPDATE SET event_count = c.event_count + EXCLUDED.event_count;

    INSERT INTO audit_event_counts_daily AS c (bucket_start, tenant_id, source, category, result, event_count)
    SELECT date_bin(interval '1 day', activity_date_time, TIMESTAMPTZ '1970-01-01 00:00:00+00'), tenant_id, source, category, result,
           delta_sign * count(*)
    FROM changed_rows
    GROUP BY 1, 2, 3, 4, 5
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT ON CONSTRAINT uq_audit_event_counts_daily DO UPDATE SET event_count = c.event_count + EXCLUDED.event_count;

    -- Deletes are rare (offboarding); buckets they emptied go, so the rollups stay as small as the data.
    IF TG_OP = 'DELETE' THEN
        DELETE FROM audit_event_counts_hourly WHERE event_count = 0 AND tenant_id IN (SELECT DISTINCT tenant_id FROM changed_rows);
        DELETE FROM audit_event_counts_daily WHERE event_count = 0 AND tenant_id IN (SELECT DISTINCT tenant_id FROM changed_rows);
    END IF;
    RETURN NULL;
END
$fn$;

CREATE TRIGGER audit_event_counts_after_insert AFTER INSERT ON audit_events
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_event_counts_apply();
CREATE TRIGGER audit_event_counts_after_delete AFTER DELETE ON audit_events
    REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_event_counts_apply();

-- Events stored before this migration.
INSERT INTO audit_event_counts_hourly
    (bucket_start, tenant_id, source, category, result, activity_display_name, logged_by_service, operation_type, event_count)
SELECT date_bin(interval '1 hour', activity_date_time, TIMESTAMPTZ '1970-01-01 00:00:00+00'), tenant_id, source, category, result,
       activity_display_name, logged_by_service, operation_type, count(*)
FROM audit_events
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;

INSERT INTO audit_event_counts_daily (bucket_start, tenant_id, source, category, result, event_count)
SELECT date_bin(interval '1 day', bucket_start, TIMESTAMPTZ '1970-01-01 00:00:00+00'), tenant_id, source, category, result,
       sum(event_count)
FROM audit_event_counts_hourly
GROUP BY 1, 2, 3, 4, 5;
