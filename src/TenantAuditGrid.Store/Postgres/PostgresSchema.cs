using Npgsql;

namespace TenantAuditGrid.Store.Postgres;

/// <summary>
/// Applies the project's own PostgreSQL schema (Orleans clustering, persistence and reminders, and the audit store).
/// Every silo calls it at start, and <c>migrate</c> calls it once: the whole run holds a transaction-scoped advisory lock,
/// so concurrent callers queue, and each finds the version the previous one left and applies only what is missing.
/// All migrations of a run commit together or not at all.
/// </summary>
public static class PostgresSchema
{
    // An arbitrary constant that names "TenantAuditGrid schema migration" among advisory locks of the database.
    private const long MigrationLockKey = 0x5441_4753_4348_4D41;

    /// <summary>The version this build's migrations reach.</summary>
    public static int LatestVersion => SchemaMigration.Postgres.Count;

    public static async Task<SchemaApplyResult> ApplyAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({MigrationLockKey})", cancellationToken);
        await ExecuteAsync(connection, transaction, """
            CREATE TABLE IF NOT EXISTS schema_version (
                version    integer     PRIMARY KEY,
                name       text        NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """, cancellationToken);

        int fromVersion;
        await using (var current = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM schema_version", connection, transaction))
        {
            fromVersion = (int)(await current.ExecuteScalarAsync(cancellationToken))!;
        }

        if (fromVersion > LatestVersion)
        {
            throw new StoreSchemaTooNewException("the PostgreSQL database", fromVersion, LatestVersion);
        }

        var applied = new List<string>();
        foreach (var migration in SchemaMigration.Postgres.Where(m => m.Version > fromVersion))
        {
            await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
            await using var record = new NpgsqlCommand("INSERT INTO schema_version (version, name) VALUES (@version, @name)", connection, transaction);
            record.Parameters.AddWithValue("version", migration.Version);
            record.Parameters.AddWithValue("name", migration.Name);
            await record.ExecuteNonQueryAsync(cancellationToken);
            applied.Add(migration.Name);
        }

        await transaction.CommitAsync(cancellationToken);
        return new SchemaApplyResult(fromVersion, Math.Max(fromVersion, LatestVersion), applied);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        // No timeout: a migration that builds an index or backfills a rollup over a large audit_events takes minutes
        // (007 and 008 over 3M events: see docs/benchmarks.md), and Npgsql's default 30 s would roll it back every time.
        await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
