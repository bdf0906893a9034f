-- Customers, their grants to principals ('*' = every customer) and the customer of each tenant; keys that predate scoping keep seeing all.

CREATE TABLE customers (
    customer_id  text COLLATE "C" PRIMARY KEY,
    display_name text        NOT NULL,
    created_at   timestamptz NOT NULL,
    created_by   text        NOT NULL
);

CREATE TABLE access_grants (
    principal   text COLLATE "C" NOT NULL,
    customer_id text COLLATE "C" NOT NULL,
    granted_at  timestamptz NOT NULL,
    granted_by  text        NOT NULL,
    PRIMARY KEY (principal, customer_id)
);

ALTER TABLE tenant_status ADD COLUMN customer_id text COLLATE "C" NULL;

CREATE INDEX ix_tenant_status_customer ON tenant_status (customer_id);

INSERT INTO access_grants (principal, customer_id, granted_at, granted_by)
SELECT 'apiKey:' || key_id, '*', created_at, 'migration' FROM api_keys;
