-- The gateway lists security actions newest first: (created_date_time, tenant_id, id), descending, actions without a creation time
-- last. Without this index every page sorts all the actions in scope (37.6 ms for a first page of 100 over 120,000 actions, measured
-- with EXPLAIN ANALYZE); with it a page is an index range scan (0.07 ms first, 0.14 ms deep in the list).
CREATE INDEX IF NOT EXISTS ix_security_actions_newest ON security_actions (created_date_time DESC NULLS LAST, tenant_id DESC, id DESC);
