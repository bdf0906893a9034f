using TenantAuditGrid.Store.Query;
using TenantAuditGrid.Testing.Audit;

namespace TenantAuditGrid.Store.Tests.Query;

/// <summary>
/// The count rollups follow the events through the store's real writer: a re-fetched batch adds nothing, offboarding a tenant
/// takes its counts away.
/// </summary>
public abstract class RollupMaintenanceTests(string kind)
{
    [Fact]
    public async Task Rollup_answers_stay_exact_after_duplicate_batches_and_a_tenant_purge()
    {
        await using var store = await TestStore.CreateAsync(kind, "rollups");
        var generator = new AuditEventGenerator(99);
        var tenants = generator.Tenants(3);
        var events = generator.Events(tenants, 80);
        await store.InsertAsync(events);
        var service = new AuditQueryService(store.Database);
        // Whole days and hours from a mid-hour start: daily, hourly and raw segments all take part.
        var from = events.Min(e => e.ActivityDateTime).AddHours(5).AddMinutes(13);
        // Every rollup: tenant × category × result (the rollups of every dimension), and tenant × category alone (the category rollups).
        var filter = $"activityDateTime gt {from.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}";
        var queries = new[] { "tenantId,category,result", "tenantId,category" }
            .Select(groupBy => Parsers.Postgres.ParseCounts(groupBy, "1d", filter, null)).ToList();
        Assert.Contains(AuditCountsPlan.For(queries[0]).Segments, s => s.Rollup == AuditCountRollup.Daily);
        Assert.Contains(AuditCountsPlan.For(queries[1]).Segments, s => s.Rollup == AuditCountRollup.CategoryDaily);

        var records = events.Select(e => TenantAuditGrid.Store.Mapping.DirectoryAuditMapper.FromGraph(e.TenantId, e.Json)).ToList();
        var again = await store.AuditStore.WriteDirectoryAuditsAsync(records.Take(50).ToList());
        Assert.Equal(0, again);
        foreach (var query in queries)
        {
            Assert.Equal(InMemoryCounts.Expected(events, query.Filter, query.GroupBy, query.Interval), await ReadAsync(service, query));
        }

        await store.AuditStore.DeleteTenantDataAsync(tenants[1]);
        var kept = events.Where(e => e.TenantId != tenants[1]).ToList();
        foreach (var query in queries)
        {
            Assert.Equal(InMemoryCounts.Expected(kept, query.Filter, query.GroupBy, query.Interval), await ReadAsync(service, query));
        }
    }

    private static async Task<List<string>> ReadAsync(AuditQueryService service, AuditCountsQuery query)
    {
        var rows = new List<AuditCountRow>();
        await foreach (var row in service.CountByAsync(query, TenantScope.AllTenants, CancellationToken.None))
        {
            rows.Add(row);
        }

        return InMemoryCounts.Describe(rows);
    }
}

public sealed class PostgresRollupMaintenanceTests() : RollupMaintenanceTests("postgres");

public sealed class SqliteRollupMaintenanceTests() : RollupMaintenanceTests("sqlite");
