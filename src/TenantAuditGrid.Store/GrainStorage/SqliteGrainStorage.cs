using System.Globalization;
using Microsoft.Data.Sqlite;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;
using TenantAuditGrid.Store.Sqlite;

namespace TenantAuditGrid.Store.GrainStorage;

/// <summary>
/// Orleans grain storage in one SQLite file, for the single embedded silo. A row is keyed by service id, state name and grain id;
/// its integer version is the ETag. Writes and clears succeed only when the caller's ETag matches the stored version (or, for a
/// first write, when no row exists), and otherwise throw <see cref="InconsistentStateException"/>, which is what the ADO.NET
/// provider does for the same cases.
/// </summary>
public sealed class SqliteGrainStorage(string name, string serviceId, SqliteGrainStorageOptions options)
    : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private readonly string connectionString = SqliteConnectionStrings.ForFile(options.DatabasePath);

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe($"{nameof(SqliteGrainStorage)}-{name}", options.InitStage, InitializeAsync);

    /// <summary>Creates the file, switches it to WAL and creates the table; idempotent.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(options.DatabasePath));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS grain_state (
                service_id  TEXT    NOT NULL,
                state_name  TEXT    NOT NULL,
                grain_id    TEXT    NOT NULL,
                payload     BLOB    NULL,
                version     INTEGER NOT NULL,
                modified_at TEXT    NOT NULL,
                PRIMARY KEY (service_id, state_name, grain_id)
            ) WITHOUT ROWID;
            """;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // Microsoft.Data.Sqlite's async methods run synchronously, waits for the write lock included, and the callers are grains: run
    // on the thread pool, so a slow write never blocks the Orleans scheduler (which warns once a turn passes a second).
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Task.Run(() => ReadStateCoreAsync(stateName, grainId, grainState));

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Task.Run(() => WriteStateCoreAsync(stateName, grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Task.Run(() => ClearStateCoreAsync(stateName, grainId, grainState));

    private async Task ReadStateCoreAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = await OpenAsync(CancellationToken.None);
        await using var command = KeyedCommand(connection, "SELECT payload, version FROM grain_state WHERE " + KeyPredicate, stateName, grainId);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            grainState.State = CreateDefault<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        var version = reader.GetInt64(1);
        if (reader.IsDBNull(0))
        {
            grainState.State = CreateDefault<T>();
            grainState.RecordExists = false;
        }
        else
        {
            var payload = (byte[])reader.GetValue(0);
            grainState.State = options.GrainStorageSerializer.Deserialize<T>(new BinaryData(payload)) ?? CreateDefault<T>();
            grainState.RecordExists = true;
        }

        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
    }

    private async Task WriteStateCoreAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var payload = options.GrainStorageSerializer.Serialize(grainState.State).ToArray();
        var expected = ParseETag(grainState.ETag, "WriteState", stateName, grainId);
        await using var connection = await OpenAsync(CancellationToken.None);
        long? newVersion;
        if (expected is null)
        {
            await using var insert = KeyedCommand(connection, """
                INSERT INTO grain_state (service_id, state_name, grain_id, payload, version, modified_at)
                VALUES ($service_id, $state_name, $grain_id, $payload, 1, $modified_at)
                ON CONFLICT DO NOTHING
                RETURNING version
                """, stateName, grainId);
            insert.Parameters.AddWithValue("$payload", payload);
            insert.Parameters.AddWithValue("$modified_at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            newVersion = (long?)await insert.ExecuteScalarAsync();
        }
        else
        {
            await using var update = KeyedCommand(connection, $"""
                UPDATE grain_state SET payload = $payload, version = version + 1, modified_at = $modified_at
                WHERE {KeyPredicate} AND version = $expected
                RETURNING version
                """, stateName, grainId);
            update.Parameters.AddWithValue("$payload", payload);
            update.Parameters.AddWithValue("$modified_at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            update.Parameters.AddWithValue("$expected", expected.Value);
            newVersion = (long?)await update.ExecuteScalarAsync();
        }

        if (newVersion is null)
        {
            throw Conflict("WriteState", stateName, grainId, grainState.ETag);
        }

        grainState.ETag = newVersion.Value.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    private async Task ClearStateCoreAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        // As in the ADO.NET provider: a caller that holds no ETag and has seen no record first learns the stored version;
        // if there is nothing stored there is nothing to clear.
        if (!grainState.RecordExists && string.IsNullOrWhiteSpace(grainState.ETag))
        {
            await ReadStateAsync(stateName, grainId, grainState);
            if (!grainState.RecordExists)
            {
                return;
            }
        }

        var expected = ParseETag(grainState.ETag, "ClearState", stateName, grainId)
            ?? throw Conflict("ClearState", stateName, grainId, grainState.ETag);
        await using var connection = await OpenAsync(CancellationToken.None);
        var sql = options.DeleteStateOnClear
            ? $"DELETE FROM grain_state WHERE {KeyPredicate} AND version = $expected RETURNING version"
            : $"""
              UPDATE grain_state SET payload = NULL, version = version + 1, modified_at = $modified_at
              WHERE {KeyPredicate} AND version = $expected
              RETURNING version
              """;
        await using var command = KeyedCommand(connection, sql, stateName, grainId);
        command.Parameters.AddWithValue("$expected", expected);
        command.Parameters.AddWithValue("$modified_at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        var version = (long?)await command.ExecuteScalarAsync() ?? throw Conflict("ClearState", stateName, grainId, grainState.ETag);

        grainState.ETag = options.DeleteStateOnClear ? null : version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = false;
        grainState.State = CreateDefault<T>();
    }

    private const string KeyPredicate = "service_id = $service_id AND state_name = $state_name AND grain_id = $grain_id";

    private SqliteCommand KeyedCommand(SqliteConnection connection, string sql, string stateName, GrainId grainId)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$service_id", serviceId);
        command.Parameters.AddWithValue("$state_name", stateName);
        command.Parameters.AddWithValue("$grain_id", grainId.ToString());
        return command;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private long? ParseETag(string? etag, string operation, string stateName, GrainId grainId)
    {
        if (string.IsNullOrWhiteSpace(etag))
        {
            return null;
        }

        return long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw Conflict(operation, stateName, grainId, etag);
    }

    private InconsistentStateException Conflict(string operation, string stateName, GrainId grainId, string? etag) =>
        new($"Version conflict ({operation}): provider {name}, state {stateName}, grain {grainId}, ETag {etag ?? "(none)"}.",
            storedEtag: "unknown", currentEtag: etag ?? string.Empty);

    private static T CreateDefault<T>() => Activator.CreateInstance<T>();
}
