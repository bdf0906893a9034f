-- PostgreSQL's 012: customers, their grants to principals ('*' = every customer), each tenant's customer; older keys keep seeing all.

CREATE TABLE customers (
    customer_id  TEXT NOT NULL PRIMARY KEY,
    display_name TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL
);

CREATE TABLE access_grants (
    principal   TEXT NOT NULL,
    customer_id TEXT NOT NULL,
    granted_at  TEXT NOT NULL,
    granted_by  TEXT NOT NULL,
    PRIMARY KEY (principal, customer_id)
);

ALTER TABLE tenant_status ADD COLUMN customer_id TEXT NULL;

CREATE INDEX ix_tenant_status_customer ON tenant_status (customer_id);

INSERT INTO access_grants (principal, customer_id, granted_at, granted_by)
SELECT 'apiKey:' || key_id, '*', created_at, 'migration' FROM api_keys;
