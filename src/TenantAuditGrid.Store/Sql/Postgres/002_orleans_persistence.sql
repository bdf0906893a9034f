-- Orleans ADO.NET grain persistence on PostgreSQL, written for the 10.4.2 assemblies (invariant "Npgsql").
-- The hashes the provider sends are stored for diagnostics only: the natural key decides, so a different hash picker
-- (e.g. the Orleans 3 compatible one) never hides a row.
-- A row is one grain's state under one state name ("GrainTypeString" is the state name in Orleans 7+). Its integer version is
-- the ETag: the statements return a new version when the caller's version matched, and nothing otherwise, which the
-- provider turns into InconsistentStateException.

CREATE TABLE orleans_storage (
    service_id         text        NOT NULL,
    grain_type         text        NOT NULL,
    grain_id_n0        bigint      NOT NULL,
    grain_id_n1        bigint      NOT NULL,
    -- '' when the provider passes no extension (integer and GUID keys without one); the string key otherwise.
    grain_id_extension text        NOT NULL,
    grain_id_hash      integer     NOT NULL,
    grain_type_hash    integer     NOT NULL,
    payload_binary     bytea       NULL,
    version            integer     NOT NULL,
    modified_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension)
);

INSERT INTO orleansquery (querykey, querytext) VALUES
('ReadFromStorageKey', $q$
SELECT payload_binary AS "PayloadBinary", version AS "Version"
FROM orleans_storage
WHERE service_id = @ServiceId AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_id_extension = coalesce(@GrainIdExtensionString, '')
$q$),

-- With a version: update only that version. Without one: the first write, which must not find a row already there
-- (another activation wrote first). Either way a miss returns no row.
('WriteToStorageKey', $q$
WITH updated AS (
    UPDATE orleans_storage
    SET payload_binary = @PayloadBinary, version = version + 1, modified_at = now()
    WHERE @GrainStateVersion IS NOT NULL
      AND service_id = @ServiceId AND grain_type = @GrainTypeString
      AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_id_extension = coalesce(@GrainIdExtensionString, '')
      AND version = @GrainStateVersion
    RETURNING version),
inserted AS (
    INSERT INTO orleans_storage (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension,
                                 grain_id_hash, grain_type_hash, payload_binary, version)
    SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, coalesce(@GrainIdExtensionString, ''),
           @GrainIdHash, @GrainTypeHash, @PayloadBinary, 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version)
SELECT version AS "NewGrainStateVersion" FROM updated
UNION ALL
SELECT version FROM inserted
$q$),

-- Clear keeps the row with no payload and a new version (DeleteStateOnClear = false, the provider's default).
('ClearStorageKey', $q$
UPDATE orleans_storage
SET payload_binary = NULL, version = version + 1, modified_at = now()
WHERE service_id = @ServiceId AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_id_extension = coalesce(@GrainIdExtensionString, '')
  AND version = @GrainStateVersion
RETURNING version AS "Version"
$q$),

-- DeleteStateOnClear = true: remove the row. The provider needs a value different from the old ETag to call it a success.
('DeleteStorageKey', $q$
DELETE FROM orleans_storage
WHERE service_id = @ServiceId AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_id_extension = coalesce(@GrainIdExtensionString, '')
  AND version = @GrainStateVersion
RETURNING version + 1 AS "Version"
$q$)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
