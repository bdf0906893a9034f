using Microsoft.Data.Sqlite;
using TenantAuditGrid.Store.Customers;
using static TenantAuditGrid.Store.Sqlite.SqliteValues;

namespace TenantAuditGrid.Store.Sqlite;

/// <summary>Tenant status rows in the embedded SQLite file; same version rule and paging as on PostgreSQL.</summary>
public sealed class SqliteTenantStatusStore(string databasePath) : ITenantStatusStore
{
    private const string SelectColumns = """
        tenant_id, display_name, tags, enabled_sources, health_state, health_since, last_error_code, remediation,
        capabilities, updated_at, version, customer_id
        """;

    private readonly string connectionString = SqliteConnectionStrings.ForFile(databasePath);

    // Microsoft.Data.Sqlite's async methods run synchronously, waits for the write lock included, and the callers are grains: run
    // on the thread pool, so a slow write never blocks the Orleans scheduler (which warns once a turn passes a second).
    public Task<bool> UpsertAsync(TenantStatusRecord status, CancellationToken cancellationToken = default) =>
        Task.Run(() => UpsertCoreAsync(status, cancellationToken), CancellationToken.None);

    private async Task<bool> UpsertCoreAsync(TenantStatusRecord status, CancellationToken cancellationToken)
    {
        StoreInput.Validate(status, nameof(status));
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new SqliteCommand("""
            INSERT INTO tenant_status AS t (tenant_id, display_name, tags, enabled_sources, health_state, health_since,
                                            last_error_code, remediation, capabilities, updated_at, version, customer_id)
            VALUES ($tenant_id, $display_name, $tags, $enabled_sources, $health_state, $health_since,
                    $last_error_code, $remediation, $capabilities, $updated_at, $version, $customer_id)
            ON CONFLICT (tenant_id) DO UPDATE
            SET display_name = excluded.display_name, tags = excluded.tags, enabled_sources = excluded.enabled_sources,
                health_state = excluded.health_state, health_since = excluded.health_since,
                last_error_code = excluded.last_error_code, remediation = excluded.remediation,
                capabilities = excluded.capabilities, updated_at = excluded.updated_at, version = excluded.version,
                customer_id = excluded.customer_id
            WHERE t.version < excluded.version
            """, connection);
        command.Parameters.Add("$tenant_id", status.TenantId);
        command.Parameters.Add("$display_name", Text(status.DisplayName));
        command.Parameters.Add("$tags", List(status.Tags));
        command.Parameters.Add("$enabled_sources", List(status.EnabledSources));
        command.Parameters.Add("$health_state", status.HealthState);
        command.Parameters.Add("$health_since", Timestamp(status.HealthSince));
        command.Parameters.Add("$last_error_code", Text(status.LastErrorCode));
        command.Parameters.Add("$remediation", Text(status.Remediation));
        command.Parameters.Add("$capabilities", Text(status.Capabilities?.GetRawText()));
        command.Parameters.Add("$updated_at", Timestamp(status.UpdatedAt));
        command.Parameters.Add("$version", status.Version);
        command.Parameters.Add("$customer_id", Text(status.CustomerId));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<TenantStatusRecord?> GetAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        StoreInput.RequireId(tenantId, nameof(tenantId));
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new SqliteCommand($"SELECT {SelectColumns} FROM tenant_status WHERE tenant_id = $tenant_id", connection);
        command.Parameters.Add("$tenant_id", tenantId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<string>> TenantIdsOfCustomersAsync(IReadOnlyCollection<string> customerIds, CancellationToken cancellationToken = default)
    {
        CustomerInput.RequireCustomerIds(customerIds, nameof(customerIds));
        if (customerIds.Count == 0)
        {
            return [];
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new SqliteCommand(
            "SELECT tenant_id FROM tenant_status WHERE customer_id IN (SELECT value FROM json_each($customer_ids)) ORDER BY tenant_id", connection);
        command.Parameters.Add("$customer_ids", List(customerIds));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var tenantIds = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            tenantIds.Add(reader.GetString(0));
        }

        return tenantIds;
    }

    public async Task<TenantStatusPage> ListAsync(TenantStatusQuery query, CancellationToken cancellationToken = default)
    {
        StoreInput.Validate(query, nameof(query));
        // A caller who sees no tenant gets an empty page without opening the file.
        if (query.Scope.VisibleTenants is { Count: 0 })
        {
            return new TenantStatusPage([], null);
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new SqliteCommand($"""
            SELECT {SelectColumns} FROM tenant_status
            WHERE ($visible IS NULL OR tenant_id IN (SELECT value FROM json_each($visible)))
              AND ($health_state IS NULL OR health_state = $health_state)
              AND ($customer_id IS NULL OR customer_id = $customer_id)
              AND ($tag IS NULL OR EXISTS (SELECT 1 FROM json_each(tags) WHERE value = $tag))
              AND ($after IS NULL OR tenant_id > $after)
            ORDER BY tenant_id
            LIMIT $limit
            """, connection);
        command.Parameters.Add("$visible", query.Scope.VisibleTenants is { } visible ? List(visible) : DBNull.Value);
        command.Parameters.Add("$health_state", Text(query.HealthState));
        command.Parameters.Add("$customer_id", Text(query.CustomerId));
        command.Parameters.Add("$tag", Text(query.Tag));
        command.Parameters.Add("$after", Text(query.AfterTenantId));
        command.Parameters.Add("$limit", query.Limit + 1);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var items = new List<TenantStatusRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(Read(reader));
        }

        return TenantStatusPaging.ToPage(items, query.Limit);
    }

    public async Task<bool> DeleteAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        StoreInput.RequireId(tenantId, nameof(tenantId));
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new SqliteCommand("DELETE FROM tenant_status WHERE tenant_id = $tenant_id", connection);
        command.Parameters.Add("$tenant_id", tenantId);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static TenantStatusRecord Read(SqliteDataReader reader) => new()
    {
        TenantId = reader.GetString(0),
        DisplayName = ReadText(reader, 1),
        Tags = ReadList(reader, 2),
        EnabledSources = ReadList(reader, 3),
        HealthState = reader.GetString(4),
        HealthSince = ReadTimestamp(reader, 5),
        LastErrorCode = ReadText(reader, 6),
        Remediation = ReadText(reader, 7),
        Capabilities = reader.IsDBNull(8) ? null : ReadJson(reader, 8),
        UpdatedAt = ReadTimestamp(reader, 9)!.Value,
        Version = reader.GetInt64(10),
        CustomerId = ReadText(reader, 11),
    };

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
