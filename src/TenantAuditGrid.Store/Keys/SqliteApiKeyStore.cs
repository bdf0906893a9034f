using Microsoft.Data.Sqlite;
using TenantAuditGrid.Store.Sqlite;
using static TenantAuditGrid.Store.Sqlite.SqliteValues;

namespace TenantAuditGrid.Store.Keys;

/// <summary>API keys in the embedded SQLite file; the same rules as <see cref="PostgresApiKeyStore"/>.</summary>
public sealed class SqliteApiKeyStore(string databasePath) : IApiKeyStore
{
    private const string SelectColumns =
        "key_id, display_name, role, secret_hash, created_at, created_by, expires_at, last_used_at, revoked_at, revoked_by";

    private readonly string connectionString = SqliteConnectionStrings.ForFile(databasePath);

    public async Task CreateAsync(ApiKeyRecord key, CancellationToken cancellationToken = default)
    {
        ApiKeyInput.Validate(key, nameof(key));
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new SqliteCommand("""
            INSERT INTO api_keys (key_id, display_name, role, secret_hash, created_at, created_by, expires_at)
            VALUES ($key_id, $display_name, $role, $secret_hash, $created_at, $created_by, $expires_at)
            """, connection);
        command.Parameters.Add("$key_id", key.KeyId);
        command.Parameters.Add("$display_name", key.DisplayName);
        command.Parameters.Add("$role", key.Role);
        command.Parameters.Add("$secret_hash", key.SecretHash);
        command.Parameters.Add("$created_at", Timestamp(key.CreatedAt));
        command.Parameters.Add("$created_by", key.CreatedBy);
        command.Parameters.Add("$expires_at", Timestamp(key.ExpiresAt));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<ApiKeyRecord?> GetAsync(string keyId, CancellationToken cancellationToken = default)
    {
        StoreInput.RequireId(keyId, nameof(keyId));
        await using var connection = await OpenAsync(cancellationToken);
        return await GetAsync(connection, keyId, cancellationToken);
    }

    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new SqliteCommand($"SELECT {SelectColumns} FROM api_keys ORDER BY created_at, key_id", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<ApiKeyRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(Read(reader));
        }

        return keys;
    }

    public async Task<bool> AnyAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new SqliteCommand("SELECT EXISTS (SELECT 1 FROM api_keys)", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }

    public async Task<ApiKeyRecord?> RevokeAsync(string keyId, DateTimeOffset revokedAt, string revokedBy, CancellationToken cancellationToken = default)
    {
        StoreInput.RequireId(keyId, nameof(keyId));
        StoreInput.RequireId(revokedBy, nameof(revokedBy));
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new SqliteCommand(
            "UPDATE api_keys SET revoked_at = $revoked_at, revoked_by = $revoked_by WHERE key_id = $key_id AND revoked_at IS NULL", connection);
        command.Parameters.Add("$key_id", keyId);
        command.Parameters.Add("$revoked_at", Timestamp(revokedAt));
        command.Parameters.Add("$revoked_by", revokedBy);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return await GetAsync(connection, keyId, cancellationToken);
    }

    public async Task RecordUseAsync(string keyId, DateTimeOffset usedAt, CancellationToken cancellationToken = default)
    {
        StoreInput.RequireId(keyId, nameof(keyId));
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new SqliteCommand("""
            UPDATE api_keys SET last_used_at = $used_at
            WHERE key_id = $key_id AND (last_used_at IS NULL OR last_used_at <= $stale_before)
            """, connection);
        command.Parameters.Add("$key_id", keyId);
        command.Parameters.Add("$used_at", Timestamp(usedAt));
        command.Parameters.Add("$stale_before", Timestamp(usedAt - IApiKeyStore.LastUsedResolution));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<ApiKeyRecord?> GetAsync(SqliteConnection connection, string keyId, CancellationToken cancellationToken)
    {
        await using var command = new SqliteCommand($"SELECT {SelectColumns} FROM api_keys WHERE key_id = $key_id", connection);
        command.Parameters.Add("$key_id", keyId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static ApiKeyRecord Read(SqliteDataReader reader) => new()
    {
        KeyId = reader.GetString(0),
        DisplayName = reader.GetString(1),
        Role = reader.GetString(2),
        SecretHash = (byte[])reader.GetValue(3),
        CreatedAt = ReadTimestamp(reader, 4)!.Value,
        CreatedBy = reader.GetString(5),
        ExpiresAt = ReadTimestamp(reader, 6),
        LastUsedAt = ReadTimestamp(reader, 7),
        RevokedAt = ReadTimestamp(reader, 8),
        RevokedBy = ReadText(reader, 9),
    };

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
