-- The gateway compares strings as Graph does, ignoring case (lower(column) = lower(value), and lower(column) LIKE lower('prefix%')),
-- except the keys id and tenantId. Expression indexes on lower(...) keep those comparisons index scans; they replace the
-- case-sensitive indexes of 004, which no query uses any more. lower() over citext: the columns keep Graph's own spelling, the
-- ingest path and the rollups stay plain text, no table rewrite is needed, and text_pattern_ops still serves startswith.
--
-- The initiator index now leads with the UPN rather than the tenant: "everything this admin did, across all tenants" is the
-- common question, and its first page is then an index range scan already in the gateway's newest-first order.
-- The target index folds the targetResources JSON text; the translator probes it with a folded containment test (ASCII values).

DROP INDEX ix_audit_events_category;
DROP INDEX ix_audit_events_activity;
DROP INDEX ix_audit_events_user;
DROP INDEX ix_audit_events_upn;
DROP INDEX ix_audit_events_app;
DROP INDEX ix_audit_events_correlation;
DROP INDEX ix_audit_events_targets;

CREATE INDEX ix_audit_events_category ON audit_events (tenant_id, lower(category), activity_date_time DESC);
CREATE INDEX ix_audit_events_activity ON audit_events (tenant_id, lower(activity_display_name) text_pattern_ops);
CREATE INDEX ix_audit_events_user ON audit_events (tenant_id, lower(initiated_by_user_id)) WHERE initiated_by_user_id IS NOT NULL;
CREATE INDEX ix_audit_events_upn ON audit_events (lower(initiated_by_user_upn) text_pattern_ops, activity_date_time DESC)
    WHERE initiated_by_user_upn IS NOT NULL;
CREATE INDEX ix_audit_events_app ON audit_events (tenant_id, lower(initiated_by_app_id)) WHERE initiated_by_app_id IS NOT NULL;
CREATE INDEX ix_audit_events_correlation ON audit_events (tenant_id, lower(correlation_id)) WHERE correlation_id IS NOT NULL;
CREATE INDEX ix_audit_events_targets ON audit_events
    USING gin (tenant_id, (lower((payload -> 'targetResources')::text)::jsonb) jsonb_path_ops);
