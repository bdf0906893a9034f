using System.Globalization;
using Microsoft.Data.Sqlite;

namespace TenantAuditGrid.Store.Sqlite;

/// <summary>
/// The embedded-mode <see cref="IStoreSchema"/>: applies the <see cref="SchemaMigration.Sqlite"/> scripts the store has not had yet,
/// in one transaction, recording each version in SQLite's <c>user_version</c>.
/// </summary>
public sealed class SqliteStoreSchema(string databasePath) : IStoreSchema
{
    /// <summary>The version this build's migrations reach.</summary>
    public static int LatestVersion => SchemaMigration.Sqlite.Count;

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
        var fromVersion = Convert.ToInt32(await version.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        if (fromVersion > LatestVersion)
        {
            throw new StoreSchemaTooNewException($"the SQLite store {databasePath}", fromVersion, LatestVersion);
        }

        foreach (var migration in SchemaMigration.Sqlite.Where(m => m.Version > fromVersion))
        {
            await using var step = new SqliteCommand(migration.Sql, connection, transaction);
            await step.ExecuteNonQueryAsync(cancellationToken);
            // PRAGMA takes no parameters; the version is an integer this assembly numbered.
            await using var record = new SqliteCommand(
                string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version = {migration.Version}"), connection, transaction);
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new StoreSchemaResult(fromVersion, LatestVersion);
    }
}
