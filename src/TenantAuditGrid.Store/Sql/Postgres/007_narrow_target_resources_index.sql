-- The GIN index on payload -> 'targetResources' hashed every scalar of every target, including each modifiedProperty's displayName,
-- oldValue and newValue (JSON text, often long): about a third of the server's CPU per ingested event (docs/benchmarks.md).
-- The gateway only ever probes it with targetResources/any(t: t/<string property> eq '…'), and a target's string properties are
-- id, displayName, type and userPrincipalName. So the index now covers just those, projected by an immutable function that the
-- query side writes out verbatim (PostgresDialect.ArrayContainsHint); the exact EXISTS test beside it keeps results unchanged.

CREATE OR REPLACE FUNCTION audit_target_keys(payload jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
    SELECT coalesce(jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
               'id', t -> 'id', 'displayName', t -> 'displayName', 'type', t -> 'type', 'userPrincipalName', t -> 'userPrincipalName'))),
           '[]'::jsonb)
    FROM jsonb_array_elements(CASE WHEN jsonb_typeof(payload -> 'targetResources') = 'array'
                                   THEN payload -> 'targetResources' ELSE '[]'::jsonb END) AS t
$fn$;

DROP INDEX IF EXISTS ix_audit_events_targets;
CREATE INDEX IF NOT EXISTS ix_audit_events_target_keys ON audit_events USING gin (tenant_id, audit_target_keys(payload) jsonb_path_ops);
