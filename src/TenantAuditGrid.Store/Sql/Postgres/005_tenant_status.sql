-- One row per tenant, published by its tenant grain. version only grows; an upsert with a lower or equal version is ignored.
-- Kept to its primary key on purpose: a few thousand rows, listed in tenant id order with keyset paging; filters by
-- state and tag ride along that scan. tenant_id is compared in "C" order so paging agrees with the SQLite store.

CREATE TABLE tenant_status (
    tenant_id       text COLLATE "C" PRIMARY KEY,
    display_name    text        NULL,
    tags            text[]      NOT NULL DEFAULT '{}',
    enabled_sources text[]      NOT NULL DEFAULT '{}',
    health_state    text        NOT NULL,
    health_since    timestamptz NULL,
    last_error_code text        NULL,
    remediation     text        NULL,
    capabilities    jsonb       NULL,
    updated_at      timestamptz NOT NULL,
    version         bigint      NOT NULL
);
