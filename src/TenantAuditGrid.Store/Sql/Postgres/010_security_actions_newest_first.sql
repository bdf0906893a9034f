-- The gateway lists security actions newest first: (created_date_time, tenant_id, id), descending, actions without a creation time
-- last. Across tenants that order has no index to follow otherwise, and every page would sort all the actions in scope.
CREATE INDEX IF NOT EXISTS ix_security_actions_newest ON security_actions (created_date_time DESC NULLS LAST, tenant_id DESC, id DESC);
