-- PostgreSQL's 007 and 008: the count rollups, kept by row triggers in the writer's transaction (INSERT OR IGNORE fires no trigger
-- for an ignored row, so duplicates never count), and lower() expression indexes for the gateway's case-insensitive string
-- comparisons. SQLite's UNIQUE treats NULLs as distinct, so a key with a NULL may get more than one row; the counts stay exact
-- because the query layer only ever sums them. Bucket starts use the store's timestamp text format.

CREATE TABLE audit_event_counts_hourly (
    bucket_start          TEXT    NOT NULL,
    tenant_id             TEXT    NOT NULL,
    source                TEXT    NOT NULL,
    category              TEXT    NULL,
    result                TEXT    NULL,
    activity_display_name TEXT    NULL,
    logged_by_service     TEXT    NULL,
    operation_type        TEXT    NULL,
    event_count           INTEGER NOT NULL,
    UNIQUE (bucket_start, tenant_id, source, category, result, activity_display_name, logged_by_service, operation_type)
);
CREATE TABLE audit_event_counts_daily (
    bucket_start TEXT    NOT NULL,
    tenant_id    TEXT    NOT NULL,
    source       TEXT    NOT NULL,
    category     TEXT    NULL,
    result       TEXT    NULL,
    event_count  INTEGER NOT NULL,
    UNIQUE (bucket_start, tenant_id, source, category, result)
);

CREATE TRIGGER audit_event_counts_after_insert AFTER INSERT ON audit_events BEGIN
    INSERT INTO audit_event_counts_hourly (bucket_start, tenant_id, source, category, result, activity_display_name,
                                           logged_by_service, operation_type, event_count)
    VALUES (substr(NEW.activity_date_time, 1, 13) || ':00:00.0000000Z', NEW.tenant_id, NEW.source, NEW.category, NEW.result,
            NEW.activity_display_name, NEW.logged_by_service, NEW.operation_type, 1)
    ON CONFLICT DO UPDATE SET event_count = event_count + 1;
    INSERT INTO audit_event_counts_daily (bucket_start, tenant_id, source, category, result, event_count)
    VALUES (substr(NEW.activity_date_time, 1, 10) || 'T00:00:00.0000000Z', NEW.tenant_id, NEW.source, NEW.category, NEW.result, 1)
    ON CONFLICT DO UPDATE SET event_count = event_count + 1;
END;
CREATE TRIGGER audit_event_counts_after_delete AFTER DELETE ON audit_events BEGIN
    INSERT INTO audit_event_counts_hourly (bucket_start, tenant_id, source, category, result, activity_display_name,
                                           logged_by_service, operation_type, event_count)
    VALUES (substr(OLD.activity_date_time, 1, 13) || ':00:00.0000000Z', OLD.tenant_id, OLD.source, OLD.category, OLD.result,
            OLD.activity_display_name, OLD.logged_by_service, OLD.operation_type, -1)
    ON CONFLICT DO UPDATE SET event_count = event_count - 1;
    INSERT INTO audit_event_counts_daily (bucket_start, tenant_id, source, category, result, event_count)
    VALUES (substr(OLD.activity_date_time, 1, 10) || 'T00:00:00.0000000Z', OLD.tenant_id, OLD.source, OLD.category, OLD.result, -1)
    ON CONFLICT DO UPDATE SET event_count = event_count - 1;
END;

INSERT INTO audit_event_counts_hourly (bucket_start, tenant_id, source, category, result, activity_display_name,
                                       logged_by_service, operation_type, event_count)
SELECT substr(activity_date_time, 1, 13) || ':00:00.0000000Z', tenant_id, source, category, result, activity_display_name,
       logged_by_service, operation_type, count(*)
FROM audit_events GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
INSERT INTO audit_event_counts_daily (bucket_start, tenant_id, source, category, result, event_count)
SELECT substr(activity_date_time, 1, 10) || 'T00:00:00.0000000Z', tenant_id, source, category, result, count(*)
FROM audit_events GROUP BY 1, 2, 3, 4, 5;

DROP INDEX ix_audit_events_category;
DROP INDEX ix_audit_events_activity;
DROP INDEX ix_audit_events_user;
DROP INDEX ix_audit_events_upn;
DROP INDEX ix_audit_events_app;
DROP INDEX ix_audit_events_correlation;
CREATE INDEX ix_audit_events_category ON audit_events (tenant_id, lower(category), activity_date_time DESC);
CREATE INDEX ix_audit_events_activity ON audit_events (tenant_id, lower(activity_display_name));
CREATE INDEX ix_audit_events_user ON audit_events (tenant_id, lower(initiated_by_user_id)) WHERE initiated_by_user_id IS NOT NULL;
CREATE INDEX ix_audit_events_upn ON audit_events (lower(initiated_by_user_upn), activity_date_time DESC) WHERE initiated_by_user_upn IS NOT NULL;
CREATE INDEX ix_audit_events_app ON audit_events (tenant_id, lower(initiated_by_app_id)) WHERE initiated_by_app_id IS NOT NULL;
CREATE INDEX ix_audit_events_correlation ON audit_events (tenant_id, lower(correlation_id)) WHERE correlation_id IS NOT NULL;
