-- PostgreSQL's 009: rollups at the grain of the tenants x categories report (tenant, source, category per hour and per day), kept
-- by triggers of their own beside 002's, which stay as they are.

CREATE TABLE audit_event_counts_category_hourly (
    bucket_start TEXT    NOT NULL,
    tenant_id    TEXT    NOT NULL,
    source       TEXT    NOT NULL,
    category     TEXT    NULL,
    event_count  INTEGER NOT NULL,
    UNIQUE (bucket_start, tenant_id, source, category)
);
CREATE TABLE audit_event_counts_category_daily (
    bucket_start TEXT    NOT NULL,
    tenant_id    TEXT    NOT NULL,
    source       TEXT    NOT NULL,
    category     TEXT    NULL,
    event_count  INTEGER NOT NULL,
    UNIQUE (bucket_start, tenant_id, source, category)
);

CREATE TRIGGER audit_event_category_counts_after_insert AFTER INSERT ON audit_events BEGIN
    INSERT INTO audit_event_counts_category_hourly (bucket_start, tenant_id, source, category, event_count)
    VALUES (substr(NEW.activity_date_time, 1, 13) || ':00:00.0000000Z', NEW.tenant_id, NEW.source, NEW.category, 1)
    ON CONFLICT DO UPDATE SET event_count = event_count + 1;
    INSERT INTO audit_event_counts_category_daily (bucket_start, tenant_id, source, category, event_count)
    VALUES (substr(NEW.activity_date_time, 1, 10) || 'T00:00:00.0000000Z', NEW.tenant_id, NEW.source, NEW.category, 1)
    ON CONFLICT DO UPDATE SET event_count = event_count + 1;
END;
CREATE TRIGGER audit_event_category_counts_after_delete AFTER DELETE ON audit_events BEGIN
    INSERT INTO audit_event_counts_category_hourly (bucket_start, tenant_id, source, category, event_count)
    VALUES (substr(OLD.activity_date_time, 1, 13) || ':00:00.0000000Z', OLD.tenant_id, OLD.source, OLD.category, -1)
    ON CONFLICT DO UPDATE SET event_count = event_count - 1;
    INSERT INTO audit_event_counts_category_daily (bucket_start, tenant_id, source, category, event_count)
    VALUES (substr(OLD.activity_date_time, 1, 10) || 'T00:00:00.0000000Z', OLD.tenant_id, OLD.source, OLD.category, -1)
    ON CONFLICT DO UPDATE SET event_count = event_count - 1;
END;

INSERT INTO audit_event_counts_category_hourly (bucket_start, tenant_id, source, category, event_count)
SELECT substr(activity_date_time, 1, 13) || ':00:00.0000000Z', tenant_id, source, category, count(*)
FROM audit_events GROUP BY 1, 2, 3, 4;
INSERT INTO audit_event_counts_category_daily (bucket_start, tenant_id, source, category, event_count)
SELECT substr(activity_date_time, 1, 10) || 'T00:00:00.0000000Z', tenant_id, source, category, count(*)
FROM audit_events GROUP BY 1, 2, 3, 4;
