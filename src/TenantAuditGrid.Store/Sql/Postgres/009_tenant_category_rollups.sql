-- Rollups at the grain of the common report, tenants × categories per day (/api/reports/directoryAudits/counts?groupBy=tenantId,category
-- &interval=1d). The rollups of 007 key on more than that: a tenant-day of audit_event_counts_daily holds one row per category and
-- result, and a tenant-hour of audit_event_counts_hourly about one row per event once a tenant logs a dozen events an hour (five
-- dimensions rarely repeat within an hour). These two keep only tenant, source and category:
--
--   audit_event_counts_category_daily:  a 7-day report over 1,000 tenants and 6 categories sums about 42,000 rows.
--   audit_event_counts_category_hourly: the partial day at the edge of a time range, at most 12 hours of it (the query layer takes
--                                       the whole day from the daily rollup and subtracts the hours outside the range when
--                                       that is fewer hours; see AuditCountsPlan).
--
-- Fill factor 90 leaves room on each page, so the triggers' count updates can stay on the page (HOT) without new index entries.
-- The query layer picks them only when the groupBy and the filter's conditions name nothing but tenantId and category; anything else
-- still reads the rollups of 007 or the raw table. Kept exact by statement-level triggers of their own, beside 007's, in the same
-- transaction.

CREATE TABLE audit_event_counts_category_hourly (
    bucket_start timestamptz      NOT NULL,
    tenant_id    text COLLATE "C" NOT NULL,
    source       text             NOT NULL,
    category     text             NULL,
    event_count  bigint           NOT NULL,
    CONSTRAINT uq_audit_event_counts_category_hourly UNIQUE NULLS NOT DISTINCT (bucket_start, tenant_id, source, category)
) WITH (fillfactor = 90);

CREATE TABLE audit_event_counts_category_daily (
    bucket_start timestamptz      NOT NULL,
    tenant_id    text COLLATE "C" NOT NULL,
    source       text             NOT NULL,
    category     text             NULL,
    event_count  bigint           NOT NULL,
    CONSTRAINT uq_audit_event_counts_category_daily UNIQUE NULLS NOT DISTINCT (bucket_start, tenant_id, source, category)
) WITH (fillfactor = 90);

-- Triggers of their own beside 007's, so 007's function stays as it is. PostgreSQL fires triggers on the same event in name order,
-- so every writer upserts these two (audit_event_category_…) before 007's two, each in key order: concurrent writers of overlapping
-- batches still cannot deadlock. Both functions read the same transition table, which PostgreSQL captures once per statement.
CREATE FUNCTION audit_event_category_counts_apply() RETURNS trigger
LANGUAGE plpgsql AS $fn$
DECLARE
    delta_sign integer := CASE WHEN TG_OP = 'DELETE' THEN -1 ELSE 1 END;
BEGIN
    INSERT INTO audit_event_counts_category_hourly AS c (bucket_start, tenant_id, source, category, event_count)
    SELECT date_bin(interval '1 hour', activity_date_time, TIMESTAMPTZ '1970-01-01 00:00:00+00'), tenant_id, source, category,
           delta_sign * count(*)
    FROM changed_rows
    GROUP BY 1, 2, 3, 4
    ORDER BY 1, 2, 3, 4
    ON CONFLICT ON CONSTRAINT uq_audit_event_counts_category_hourly DO UPDATE SET event_count = c.event_count + EXCLUDED.event_count;

    INSERT INTO audit_event_counts_category_daily AS c (bucket_start, tenant_id, source, category, event_count)
    SELECT date_bin(interval '1 day', activity_date_time, TIMESTAMPTZ '1970-01-01 00:00:00+00'), tenant_id, source, category,
           delta_sign * count(*)
    FROM changed_rows
    GROUP BY 1, 2, 3, 4
    ORDER BY 1, 2, 3, 4
    ON CONFLICT ON CONSTRAINT uq_audit_event_counts_category_daily DO UPDATE SET event_count = c.event_count + EXCLUDED.event_count;

    -- As in 007: buckets an offboarding emptied go.
    IF TG_OP = 'DELETE' THEN
        DELETE FROM audit_event_counts_category_hourly WHERE event_count = 0 AND tenant_id IN (SELECT DISTINCT tenant_id FROM changed_rows);
        DELETE FROM audit_event_counts_category_daily WHERE event_count = 0 AND tenant_id IN (SELECT DISTINCT tenant_id FROM changed_rows);
    END IF;
    RETURN NULL;
END
$fn$;

CREATE TRIGGER audit_event_category_counts_after_insert AFTER INSERT ON audit_events
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_event_category_counts_apply();
CREATE TRIGGER audit_event_category_counts_after_delete AFTER DELETE ON audit_events
    REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_event_category_counts_apply();

-- Events stored before this migration, from the finer rollups of 007 (exact, and far fewer rows than audit_events). Written in key
-- order, so an hour's or a day's rows share pages: a report reads a few hundred pages of them, not one page per row.
INSERT INTO audit_event_counts_category_hourly (bucket_start, tenant_id, source, category, event_count)
SELECT bucket_start, tenant_id, source, category, sum(event_count)
FROM audit_event_counts_hourly
GROUP BY 1, 2, 3, 4
HAVING sum(event_count) <> 0
ORDER BY 1, 2, 3, 4;

INSERT INTO audit_event_counts_category_daily (bucket_start, tenant_id, source, category, event_count)
SELECT bucket_start, tenant_id, source, category, sum(event_count)
FROM audit_event_counts_daily
GROUP BY 1, 2, 3, 4
HAVING sum(event_count) <> 0
ORDER BY 1, 2, 3, 4;

ANALYZE audit_event_counts_category_hourly;
ANALYZE audit_event_counts_category_daily;
