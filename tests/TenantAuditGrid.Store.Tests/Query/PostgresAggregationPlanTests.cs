using Npgsql;
using TenantAuditGrid.Store.Query;
using TenantAuditGrid.Testing.Audit;

namespace TenantAuditGrid.Store.Tests.Query;

/// <summary>
/// An aggregation answered from rollups is grouped by sorting, not hashing, and without parallel workers (see
/// <see cref="PostgresDialect.RollupAggregationPrelude"/>); the settings last for that statement only: the next statement on the same
/// pooled connection plans as usual.
/// </summary>
public sealed class PostgresAggregationPlanTests : IAsyncLifetime
{
    private PostgresTestStore? store;

    // No events needed: the test reads settings and a plan, and the plan's shape does not depend on the rows.
    public async Task InitializeAsync() => store = await PostgresTestStore.CreatePostgresAsync("aggplan");

    public async Task DisposeAsync()
    {
        if (store is not null)
        {
            await store.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_rollup_aggregation_groups_by_sorting_without_workers_and_the_settings_end_with_it()
    {
        var from = DateTimeOffset.UtcNow.AddDays(-7).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var query = Parsers.Postgres.ParseCounts("tenantId,category", "1d", $"activityDateTime ge {from}", tenantId: null);
        var statement = new AuditCountsSqlBuilder(PostgresDialect.Instance).Counts(query, TenantScope.AllTenants);
        Assert.Contains(AuditCountsPlan.For(query).Segments, segment => segment.Rollup is not null);

        await using var connection = await ((NpgsqlDataSource)store!.Database.DataSource).OpenConnectionAsync();
        var notices = new List<string>();
        connection.Notice += (_, e) => notices.Add(e.Notice.MessageText);

        // At this size the planner would sort anyway, so the setting itself is read inside the statement the prelude runs with.
        Assert.Equal(["off"], await ReadAllAsync(connection, statement with { Text = "SELECT current_setting('enable_hashagg')", Parameters = [] }));
        Assert.Equal(["0"], await ReadAllAsync(connection, statement with { Text = "SELECT current_setting('max_parallel_workers_per_gather')", Parameters = [] }));
        var plan = await ReadAllAsync(connection, statement with { Text = "EXPLAIN " + statement.Text });
        Assert.Contains(plan, line => line.Contains("GroupAggregate", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.Contains("HashAggregate", StringComparison.Ordinal));
        Assert.Empty(notices); // SET LOCAL outside an explicit transaction block warns

        Assert.Equal(["on"], await ReadAllAsync(connection, new SqlStatement("SHOW enable_hashagg", [])));
        Assert.NotEqual(["0"], await ReadAllAsync(connection, new SqlStatement("SHOW max_parallel_workers_per_gather", [])));
    }

    [Fact]
    public void A_raw_aggregation_leaves_the_planner_free()
    {
        var query = Parsers.Postgres.ParseCounts("tenantId", null, "initiatedBy/user/userPrincipalName eq 'adele@contoso.example'", tenantId: null);

        var statement = new AuditCountsSqlBuilder(PostgresDialect.Instance).Counts(query, TenantScope.AllTenants);

        Assert.All(AuditCountsPlan.For(query).Segments, segment => Assert.Null(segment.Rollup));
        Assert.Null(statement.Prelude);
    }

    private static async Task<List<string>> ReadAllAsync(NpgsqlConnection connection, SqlStatement statement)
    {
        await using var command = statement.CreateCommand(connection);
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return lines;
    }
}
