using Npgsql;
using TenantAuditGrid.Store.Query;
using TenantAuditGrid.Testing.Audit;

namespace TenantAuditGrid.Store.Tests.Query;

/// <summary>
/// Case-insensitive comparisons keep their indexes on PostgreSQL: with sequential, plain and index-only scans disabled (tables this small
/// would otherwise be read whole), the plan of the statement the gateway builds (here its count) scans the lower(...) expression
/// index meant for it, on every partition. A comparison the index cannot serve would leave only a full scan.
/// </summary>
public sealed class PostgresIndexUseTests : IAsyncLifetime
{
    private PostgresTestStore? store;

    public async Task InitializeAsync()
    {
        store = await PostgresTestStore.CreatePostgresAsync("indexuse");
        var generator = new AuditEventGenerator(3);
        await store.InsertAsync(generator.Events(generator.Tenants(2), 300));
        await using var analyze = ((NpgsqlDataSource)store.Database.DataSource).CreateCommand("ANALYZE audit_events");
        await analyze.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        if (store is not null)
        {
            await store.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("initiatedBy/user/userPrincipalName eq 'ADELE@contoso.example'", null, "ix_audit_events_upn")]
    [InlineData("startswith(initiatedBy/user/userPrincipalName, 'Adele')", null, "ix_audit_events_upn")]
    [InlineData("category eq 'rolemanagement'", "tenant", "ix_audit_events_category")]
    [InlineData("startswith(activityDisplayName, 'ADD')", "tenant", "ix_audit_events_activity")]
    [InlineData("correlationId eq 'ABC'", "tenant", "ix_audit_events_correlation")]
    [InlineData("targetResources/any(t: t/displayName eq 'Global ADMINISTRATOR')", null, "ix_audit_events_targets")]
    public async Task Case_insensitive_filter_uses_its_expression_index(string filter, string? perTenant, string index)
    {
        var tenantId = perTenant is null ? null : new AuditEventGenerator(3).Tenants(2)[0];
        var query = Parsers.Postgres.Parse(AuditCollection.DirectoryAudits, [new("$filter", filter)], tenantId);
        // The count has no ORDER BY, so the keyset index cannot win by order alone: the planner picks the index the filter fits.
        var statement = new CollectionSqlBuilder(PostgresDialect.Instance).Count(query.RowsVisibleTo(TenantScope.AllTenants));

        await using var connection = await ((NpgsqlDataSource)store!.Database.DataSource).OpenConnectionAsync();
        await using (var off = new NpgsqlCommand("SET enable_seqscan = off; SET enable_indexscan = off; SET enable_indexonlyscan = off", connection))
        {
            await off.ExecuteNonQueryAsync();
        }

        var explain = new SqlStatement("EXPLAIN " + statement.Text, statement.Parameters);
        await using var command = explain.CreateCommand(connection);
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        // The plan names the partitions' indexes; pg_inherits leads from each back to the index declared on audit_events.
        var scanned = plan.Select(line => System.Text.RegularExpressions.Regex.Match(line, @"Index Scan on (\S+)"))
            .Where(match => match.Success).Select(match => match.Groups[1].Value).ToList();
        Assert.NotEmpty(scanned);
        foreach (var partitionIndex in scanned)
        {
            await using var parent = new NpgsqlCommand("""
                SELECT p.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
                WHERE c.relname = @name
                """, connection);
            parent.Parameters.AddWithValue("name", partitionIndex);
            Assert.Equal(index, (string?)await parent.ExecuteScalarAsync());
        }
    }
}
