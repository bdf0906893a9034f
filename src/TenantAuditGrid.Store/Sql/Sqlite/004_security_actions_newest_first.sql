-- PostgreSQL's 010: the gateway's newest-first keyset over every tenant's security actions. An earlier build added this index to
-- 001 after 001 had shipped, so stores created before that build lack it and stores created after have it: IF NOT EXISTS serves both.

CREATE INDEX IF NOT EXISTS ix_security_actions_newest ON security_actions (created_date_time DESC, tenant_id DESC, id DESC);
