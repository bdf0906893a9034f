using Npgsql;
using NpgsqlTypes;
using TenantAuditGrid.Store.Customers;
using static TenantAuditGrid.Store.Postgres.PostgresAuditStore;

namespace TenantAuditGrid.Store.Postgres;

/// <summary>Tenant status rows on PostgreSQL; the version check happens in the upsert itself, so racing publishers cannot regress a row.</summary>
public sealed class PostgresTenantStatusStore(NpgsqlDataSource dataSource) : ITenantStatusStore
{
    private const string SelectColumns = """
        tenant_id, display_name, tags, enabled_sources, health_state, health_since, last_error_code, remediation,
        capabilities::text, updated_at, version, customer_id
        """;

    public async Task<bool> UpsertAsync(TenantStatusRecord status, CancellationToken cancellationToken = default)
    {
        StoreInput.Validate(status, nameof(status));
        await using var command = dataSource.CreateCommand("""
            INSERT INTO tenant_status AS t (tenant_id, display_name, tags, enabled_sources, health_state, health_since,
                                            last_error_code, remediation, capabilities, updated_at, version, customer_id)
            VALUES (@tenant_id, @display_name, @tags, @enabled_sources, @health_state, @health_since,
                    @last_error_code, @remediation, @capabilities, @updated_at, @version, @customer_id)
            ON CONFLICT (tenant_id) DO UPDATE
            SET display_name = EXCLUDED.display_name, tags = EXCLUDED.tags, enabled_sources = EXCLUDED.enabled_sources,
                health_state = EXCLUDED.health_state, health_since = EXCLUDED.health_since,
                last_error_code = EXCLUDED.last_error_code, remediation = EXCLUDED.remediation,
                capabilities = EXCLUDED.capabilities, updated_at = EXCLUDED.updated_at, version = EXCLUDED.version,
                customer_id = EXCLUDED.customer_id
            WHERE t.version < EXCLUDED.version
            """);
        command.Parameters.Add(Text("tenant_id", status.TenantId));
        command.Parameters.Add(Text("display_name", status.DisplayName));
        command.Parameters.Add(TextArray("tags", status.Tags));
        command.Parameters.Add(TextArray("enabled_sources", status.EnabledSources));
        command.Parameters.Add(Text("health_state", status.HealthState));
        command.Parameters.Add(Timestamp("health_since", status.HealthSince));
        command.Parameters.Add(Text("last_error_code", status.LastErrorCode));
        command.Parameters.Add(Text("remediation", status.Remediation));
        command.Parameters.Add(new NpgsqlParameter("capabilities", NpgsqlDbType.Jsonb)
        {
            Value = status.Capabilities is { } capabilities ? capabilities.GetRawText() : DBNull.Value,
        });
        command.Parameters.Add(Timestamp("updated_at", status.UpdatedAt));
        command.Parameters.Add(new NpgsqlParameter("version", NpgsqlDbType.Bigint) { Value = status.Version });
        command.Parameters.Add(Text("customer_id", status.CustomerId));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<TenantStatusRecord?> GetAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        StoreInput.RequireId(tenantId, nameof(tenantId));
        await using var command = dataSource.CreateCommand($"SELECT {SelectColumns} FROM tenant_status WHERE tenant_id = @tenant_id");
        command.Parameters.Add(Text("tenant_id", tenantId));
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

        await using var command = dataSource.CreateCommand(
            "SELECT tenant_id FROM tenant_status WHERE customer_id = ANY(@customer_ids) ORDER BY tenant_id");
        command.Parameters.Add(TextArray("customer_ids", customerIds));
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
        // A caller who sees no tenant gets an empty page without a round trip.
        if (query.Scope.VisibleTenants is { Count: 0 })
        {
            return new TenantStatusPage([], null);
        }

        await using var command = dataSource.CreateCommand($"""
            SELECT {SelectColumns} FROM tenant_status
            WHERE (@visible IS NULL OR tenant_id = ANY(@visible))
              AND (@health_state IS NULL OR health_state = @health_state)
              AND (@customer_id IS NULL OR customer_id = @customer_id)
              AND (@tag IS NULL OR tags @> ARRAY[@tag])
              AND (@after IS NULL OR tenant_id > @after)
            ORDER BY tenant_id
            LIMIT @limit
            """);
        command.Parameters.Add(TextArray("visible", query.Scope.VisibleTenants));
        command.Parameters.Add(Text("health_state", query.HealthState));
        command.Parameters.Add(Text("customer_id", query.CustomerId));
        command.Parameters.Add(Text("tag", query.Tag));
        command.Parameters.Add(Text("after", query.AfterTenantId));
        command.Parameters.Add(new NpgsqlParameter("limit", NpgsqlDbType.Integer) { Value = query.Limit + 1 });
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
        await using var command = dataSource.CreateCommand("DELETE FROM tenant_status WHERE tenant_id = @tenant_id");
        command.Parameters.Add(Text("tenant_id", tenantId));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static TenantStatusRecord Read(NpgsqlDataReader reader) => new()
    {
        TenantId = reader.GetString(0),
        DisplayName = NullableString(reader, 1),
        Tags = reader.GetFieldValue<string[]>(2),
        EnabledSources = reader.GetFieldValue<string[]>(3),
        HealthState = reader.GetString(4),
        HealthSince = NullableTimestamp(reader, 5),
        LastErrorCode = NullableString(reader, 6),
        Remediation = NullableString(reader, 7),
        Capabilities = reader.IsDBNull(8) ? null : ParseJson(reader.GetString(8)),
        UpdatedAt = new DateTimeOffset(reader.GetDateTime(9), TimeSpan.Zero),
        Version = reader.GetInt64(10),
        CustomerId = NullableString(reader, 11),
    };
}
