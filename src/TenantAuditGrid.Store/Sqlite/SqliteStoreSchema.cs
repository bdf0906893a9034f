using Microsoft.Data.Sqlite;

namespace TenantAuditGrid.Store.Sqlite;

/// <summary>
/// The embedded-mode <see cref="IStoreSchema"/>: the same logical tables as on PostgreSQL (no partitions, one file),
/// created idempotently; the version is kept in SQLite's <c>user_version</c>. <c>audit_events</c> is a rowid table with a
/// unique key rather than a WITHOUT ROWID table: its rows carry kilobytes of JSON, which SQLite stores far more cheaply
/// in a rowid table.
/// </summary>
public sealed class SqliteStoreSchema(string databasePath) : IStoreSchema
{
    public const int LatestVersion = 3;

    private readonly string connectionString = SqliteConnectionStrings.ForFile(databasePath);

    public async Task<StoreSchemaResult> ApplyAsync(CancellationToken cancellationToken = default)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(databasePath));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var wal = new SqliteCommand("PRAGMA journal_mode = WAL", connection))
        {
            await wal.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var version = new SqliteCommand("PRAGMA user_version", connection, transaction);
        var fromVersion = Convert.ToInt32(await version.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        if (fromVersion > LatestVersion)
        {
            throw new InvalidOperationException(
                $"The SQLite store at {databasePath} is at schema version {fromVersion}, newer than this build knows ({LatestVersion}).");
        }

        if (fromVersion < 1)
        {
            await using var create = new SqliteCommand(InitialSchema, connection, transaction);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        if (fromVersion < 2)
        {
            await using var rollups = new SqliteCommand(CountRollupsAndCaseInsensitiveIndexes, connection, transaction);
            await rollups.ExecuteNonQueryAsync(cancellationToken);
        }

        if (fromVersion < 3)
        {
            await using var categoryRollups = new SqliteCommand(TenantCategoryRollups, connection, transaction);
            await categoryRollups.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new StoreSchemaResult(fromVersion, LatestVersion);
    }

    private const string InitialSchema = """
        CREATE TABLE IF NOT EXISTS audit_events (
            tenant_id                      TEXT NOT NULL,
            source                         TEXT NOT NULL CHECK (source IN ('graph', 'upload')),
            id                             TEXT NOT NULL,
            activity_date_time             TEXT NOT NULL,
            activity_display_name          TEXT NULL,
            category                       TEXT NULL,
            correlation_id                 TEXT NULL,
            logged_by_service              TEXT NULL,
            operation_type                 TEXT NULL,
            result                         TEXT NULL,
            initiated_by_user_id           TEXT NULL,
            initiated_by_user_upn          TEXT NULL,
            initiated_by_user_display_name TEXT NULL,
            initiated_by_app_id            TEXT NULL,
            initiated_by_app_display_name  TEXT NULL,
            payload                        TEXT NOT NULL,
            ingested_at                    TEXT NOT NULL,
            UNIQUE (tenant_id, source, id)
        );
        CREATE INDEX IF NOT EXISTS ix_audit_events_time ON audit_events (tenant_id, activity_date_time DESC);
        CREATE INDEX IF NOT EXISTS ix_audit_events_keyset ON audit_events (activity_date_time DESC, tenant_id DESC, id DESC);
        CREATE INDEX IF NOT EXISTS ix_audit_events_category ON audit_events (tenant_id, category, activity_date_time DESC);
        CREATE INDEX IF NOT EXISTS ix_audit_events_activity ON audit_events (tenant_id, activity_display_name);
        CREATE INDEX IF NOT EXISTS ix_audit_events_user ON audit_events (tenant_id, initiated_by_user_id) WHERE initiated_by_user_id IS NOT NULL;
        CREATE INDEX IF NOT EXISTS ix_audit_events_upn ON audit_events (tenant_id, initiated_by_user_upn) WHERE initiated_by_user_upn IS NOT NULL;
        CREATE INDEX IF NOT EXISTS ix_audit_events_app ON audit_events (tenant_id, initiated_by_app_id) WHERE initiated_by_app_id IS NOT NULL;
        CREATE INDEX IF NOT EXISTS ix_audit_events_correlation ON audit_events (tenant_id, correlation_id) WHERE correlation_id IS NOT NULL;

        CREATE TABLE IF NOT EXISTS security_actions (
            tenant_id             TEXT NOT NULL,
            id                    TEXT NOT NULL,
            name                  TEXT NULL,
            status                TEXT NULL,
            action_reason         TEXT NULL,
            created_date_time     TEXT NULL,
            last_action_date_time TEXT NULL,
            completed_date_time   TEXT NULL,
            payload               TEXT NOT NULL,
            updated_at            TEXT NOT NULL,
            PRIMARY KEY (tenant_id, id)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS ix_security_actions_status ON security_actions (tenant_id, status);
        CREATE INDEX IF NOT EXISTS ix_security_actions_newest ON security_actions (created_date_time DESC, tenant_id DESC, id DESC);

        CREATE TABLE IF NOT EXISTS tenant_status (
            tenant_id       TEXT NOT NULL PRIMARY KEY,
            display_name    TEXT NULL,
            tags            TEXT NOT NULL DEFAULT '[]',
            enabled_sources TEXT NOT NULL DEFAULT '[]',
            health_state    TEXT NOT NULL,
            health_since    TEXT NULL,
            last_error_code TEXT NULL,
            remediation     TEXT NULL,
            capabilities    TEXT NULL,
            updated_at      TEXT NOT NULL,
            version         INTEGER NOT NULL
        ) WITHOUT ROWID;

        PRAGMA user_version = 1;
        """;

    // Version 2 = PostgreSQL migrations 007 and 008: the count rollups, kept by row triggers in the writer's transaction (INSERT OR
    // IGNORE fires no trigger for an ignored row, so duplicates never count), and lower() expression indexes for the gateway's
    // case-insensitive string comparisons. SQLite's UNIQUE treats NULLs as distinct, so a key with a NULL may get more than one row;
    // the counts stay exact because the query layer only ever sums them. Bucket starts use the store's timestamp text format.
    private const string CountRollupsAndCaseInsensitiveIndexes = """
        CREATE TABLE audit_event_counts_hourly (
            bucket_start          TEXT    NOT NULL,
            tenant_id             TEXT    NOT NULL,
            source                TEXT    NOT NULL,
            category              TEXT    NULL,
            result                TEXT    NULL,
            activity_display_name TEXT    NULL,
            logged_by_service     TEXT    NULL,
            operation_type        TEXT    NULL,
            event_count           INTEGER NOT NULL,
            UNIQUE (bucket_start, tenant_id, source, category, result, activity_display_name, logged_by_service, operation_type)
        );
        CREATE TABLE audit_event_counts_daily (
            bucket_start TEXT    NOT NULL,
            tenant_id    TEXT    NOT NULL,
            source       TEXT    NOT NULL,
            category     TEXT    NULL,
            result       TEXT    NULL,
            event_count  INTEGER NOT NULL,
            UNIQUE (bucket_start, tenant_id, source, category, result)
        );

        CREATE TRIGGER audit_event_counts_after_insert AFTER INSERT ON audit_events BEGIN
            INSERT INTO audit_event_counts_hourly (bucket_start, tenant_id, source, category, result, activity_display_name,
                                                   logged_by_service, operation_type, event_count)
            VALUES (substr(NEW.activity_date_time, 1, 13) || ':00:00.0000000Z', NEW.tenant_id, NEW.source, NEW.category, NEW.result,
                    NEW.activity_display_name, NEW.logged_by_service, NEW.operation_type, 1)
            ON CONFLICT DO UPDATE SET event_count = event_count + 1;
            INSERT INTO audit_event_counts_daily (bucket_start, tenant_id, source, category, result, event_count)
            VALUES (substr(NEW.activity_date_time, 1, 10) || 'T00:00:00.0000000Z', NEW.tenant_id, NEW.source, NEW.category, NEW.result, 1)
            ON CONFLICT DO UPDATE SET event_count = event_count + 1;
        END;
        CREATE TRIGGER audit_event_counts_after_delete AFTER DELETE ON audit_events BEGIN
            INSERT INTO audit_event_counts_hourly (bucket_start, tenant_id, source, category, result, activity_display_name,
                                                   logged_by_service, operation_type, event_count)
            VALUES (substr(OLD.activity_date_time, 1, 13) || ':00:00.0000000Z', OLD.tenant_id, OLD.source, OLD.category, OLD.result,
                    OLD.activity_display_name, OLD.logged_by_service, OLD.operation_type, -1)
            ON CONFLICT DO UPDATE SET event_count = event_count - 1;
            INSERT INTO audit_event_counts_daily (bucket_start, tenant_id, source, category, result, event_count)
            VALUES (substr(OLD.activity_date_time, 1, 10) || 'T00:00:00.0000000Z', OLD.tenant_id, OLD.source, OLD.category, OLD.result, -1)
            ON CONFLICT DO UPDATE SET event_count = event_count - 1;
        END;

        INSERT INTO audit_event_counts_hourly (bucket_start, tenant_id, source, category, result, activity_display_name,
                                               logged_by_service, operation_type, event_count)
        SELECT substr(activity_date_time, 1, 13) || ':00:00.0000000Z', tenant_id, source, category, result, activity_display_name,
               logged_by_service, operation_type, count(*)
        FROM audit_events GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
        INSERT INTO audit_event_counts_daily (bucket_start, tenant_id, source, category, result, event_count)
        SELECT substr(activity_date_time, 1, 10) || 'T00:00:00.0000000Z', tenant_id, source, category, result, count(*)
        FROM audit_events GROUP BY 1, 2, 3, 4, 5;

        DROP INDEX ix_audit_events_category;
        DROP INDEX ix_audit_events_activity;
        DROP INDEX ix_audit_events_user;
        DROP INDEX ix_audit_events_upn;
        DROP INDEX ix_audit_events_app;
        DROP INDEX ix_audit_events_correlation;
        CREATE INDEX ix_audit_events_category ON audit_events (tenant_id, lower(category), activity_date_time DESC);
        CREATE INDEX ix_audit_events_activity ON audit_events (tenant_id, lower(activity_display_name));
        CREATE INDEX ix_audit_events_user ON audit_events (tenant_id, lower(initiated_by_user_id)) WHERE initiated_by_user_id IS NOT NULL;
        CREATE INDEX ix_audit_events_upn ON audit_events (lower(initiated_by_user_upn), activity_date_time DESC) WHERE initiated_by_user_upn IS NOT NULL;
        CREATE INDEX ix_audit_events_app ON audit_events (tenant_id, lower(initiated_by_app_id)) WHERE initiated_by_app_id IS NOT NULL;
        CREATE INDEX ix_audit_events_correlation ON audit_events (tenant_id, lower(correlation_id)) WHERE correlation_id IS NOT NULL;

        PRAGMA user_version = 2;
        """;

    // Version 3 = PostgreSQL migration 009: rollups at the grain of the tenants × categories report (tenant, source, category per
    // hour and per day), kept by triggers of their own beside version 2's, which stay as they are.
    private const string TenantCategoryRollups = """
        CREATE TABLE audit_event_counts_category_hourly (
            bucket_start TEXT    NOT NULL,
            tenant_id    TEXT    NOT NULL,
            source       TEXT    NOT NULL,
            category     TEXT    NULL,
            event_count  INTEGER NOT NULL,
            UNIQUE (bucket_start, tenant_id, source, category)
        );
        CREATE TABLE audit_event_counts_category_daily (
            bucket_start TEXT    NOT NULL,
            tenant_id    TEXT    NOT NULL,
            source       TEXT    NOT NULL,
            category     TEXT    NULL,
            event_count  INTEGER NOT NULL,
            UNIQUE (bucket_start, tenant_id, source, category)
        );

        CREATE TRIGGER audit_event_category_counts_after_insert AFTER INSERT ON audit_events BEGIN
            INSERT INTO audit_event_counts_category_hourly (bucket_start, tenant_id, source, category, event_count)
            VALUES (substr(NEW.activity_date_time, 1, 13) || ':00:00.0000000Z', NEW.tenant_id, NEW.source, NEW.category, 1)
            ON CONFLICT DO UPDATE SET event_count = event_count + 1;
            INSERT INTO audit_event_counts_category_daily (bucket_start, tenant_id, source, category, event_count)
            VALUES (substr(NEW.activity_date_time, 1, 10) || 'T00:00:00.0000000Z', NEW.tenant_id, NEW.source, NEW.category, 1)
            ON CONFLICT DO UPDATE SET event_count = event_count + 1;
        END;
        CREATE TRIGGER audit_event_category_counts_after_delete AFTER DELETE ON audit_events BEGIN
            INSERT INTO audit_event_counts_category_hourly (bucket_start, tenant_id, source, category, event_count)
            VALUES (substr(OLD.activity_date_time, 1, 13) || ':00:00.0000000Z', OLD.tenant_id, OLD.source, OLD.category, -1)
            ON CONFLICT DO UPDATE SET event_count = event_count - 1;
            INSERT INTO audit_event_counts_category_daily (bucket_start, tenant_id, source, category, event_count)
            VALUES (substr(OLD.activity_date_time, 1, 10) || 'T00:00:00.0000000Z', OLD.tenant_id, OLD.source, OLD.category, -1)
            ON CONFLICT DO UPDATE SET event_count = event_count - 1;
        END;

        INSERT INTO audit_event_counts_category_hourly (bucket_start, tenant_id, source, category, event_count)
        SELECT substr(activity_date_time, 1, 13) || ':00:00.0000000Z', tenant_id, source, category, count(*)
        FROM audit_events GROUP BY 1, 2, 3, 4;
        INSERT INTO audit_event_counts_category_daily (bucket_start, tenant_id, source, category, event_count)
        SELECT substr(activity_date_time, 1, 10) || 'T00:00:00.0000000Z', tenant_id, source, category, count(*)
        FROM audit_events GROUP BY 1, 2, 3, 4;

        PRAGMA user_version = 3;
        """;
}
