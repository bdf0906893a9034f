using Npgsql;
using NpgsqlTypes;
using static TenantAuditGrid.Store.Postgres.PostgresAuditStore;

namespace TenantAuditGrid.Store.Keys;

/// <summary>API keys on PostgreSQL, shared by every silo of the cluster.</summary>
public sealed class PostgresApiKeyStore(NpgsqlDataSource dataSource) : IApiKeyStore
{
    private const string SelectColumns =
        "key_id, display_name, role, secret_hash, created_at, created_by, expires_at, last_used_at, revoked_at, revoked_by";

    public async Task CreateAsync(ApiKeyRecord key, CancellationToken cancellationToken = default)
    {
        ApiKeyInput.Validate(key, nameof(key));
        await using var command = dataSource.CreateCommand("""
            INSERT INTO api_keys (key_id, display_name, role, secret_hash, created_at, created_by, expires_at)
            VALUES (@key_id, @display_name, @role, @secret_hash, @created_at, @created_by, @expires_at)
            """);
        command.Parameters.Add(Text("key_id", key.KeyId));
        command.Parameters.Add(Text("display_name", key.DisplayName));
        command.Parameters.Add(Text("role", key.Role));
        command.Parameters.Add(new NpgsqlParameter("secret_hash", NpgsqlDbType.Bytea) { Value = key.SecretHash });
        command.Parameters.Add(Timestamp("created_at", key.CreatedAt));
        command.Parameters.Add(Text("created_by", key.CreatedBy));
        command.Parameters.Add(Timestamp("expires_at", key.ExpiresAt));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<ApiKeyRecord?> GetAsync(string keyId, CancellationToken cancellationToken = default)
    {
        StoreInput.RequireId(keyId, nameof(keyId));
        await using var command = dataSource.CreateCommand($"SELECT {SelectColumns} FROM api_keys WHERE key_id = @key_id");
        command.Parameters.Add(Text("key_id", keyId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {SelectColumns} FROM api_keys ORDER BY created_at, key_id");
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
        await using var command = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM api_keys)");
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<ApiKeyRecord?> RevokeAsync(string keyId, DateTimeOffset revokedAt, string revokedBy, CancellationToken cancellationToken = default)
    {
        StoreInput.RequireId(keyId, nameof(keyId));
        StoreInput.RequireId(revokedBy, nameof(revokedBy));
        await using var command = dataSource.CreateCommand(
            "UPDATE api_keys SET revoked_at = @revoked_at, revoked_by = @revoked_by WHERE key_id = @key_id AND revoked_at IS NULL");
        command.Parameters.Add(Text("key_id", keyId));
        command.Parameters.Add(Timestamp("revoked_at", revokedAt));
        command.Parameters.Add(Text("revoked_by", revokedBy));
        await command.ExecuteNonQueryAsync(cancellationToken);
        return await GetAsync(keyId, cancellationToken);
    }

    public async Task RecordUseAsync(string keyId, DateTimeOffset usedAt, CancellationToken cancellationToken = default)
    {
        StoreInput.RequireId(keyId, nameof(keyId));
        await using var command = dataSource.CreateCommand("""
            UPDATE api_keys SET last_used_at = @used_at
            WHERE key_id = @key_id AND (last_used_at IS NULL OR last_used_at <= @stale_before)
            """);
        command.Parameters.Add(Text("key_id", keyId));
        command.Parameters.Add(Timestamp("used_at", usedAt));
        command.Parameters.Add(Timestamp("stale_before", usedAt - IApiKeyStore.LastUsedResolution));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static ApiKeyRecord Read(NpgsqlDataReader reader) => new()
    {
        KeyId = reader.GetString(0),
        DisplayName = reader.GetString(1),
        Role = reader.GetString(2),
        SecretHash = reader.GetFieldValue<byte[]>(3),
        CreatedAt = NullableTimestamp(reader, 4)!.Value,
        CreatedBy = reader.GetString(5),
        ExpiresAt = NullableTimestamp(reader, 6),
        LastUsedAt = NullableTimestamp(reader, 7),
        RevokedAt = NullableTimestamp(reader, 8),
        RevokedBy = NullableString(reader, 9),
    };
}
