using TenantAuditGrid.Store.Query;
using TenantAuditGrid.Testing.Audit;

namespace TenantAuditGrid.Store.Tests.Query;

/// <summary>
/// Keyset paging stays stable while ingestion runs: events inserted concurrently (before, inside and after the pages already read)
/// never make a page repeat or skip an event that existed when paging began.
/// </summary>
public abstract class PagingUnderIngestTests(string kind)
{
    [Theory]
    [InlineData("activityDateTime desc")]
    [InlineData("activityDateTime asc")]
    public async Task Pages_have_no_duplicates_and_no_skips_while_events_are_inserted(string orderBy)
    {
        await using var store = await TestStore.CreateAsync(kind, "pagingingest");
        var generator = new AuditEventGenerator(5150);
        var tenants = generator.Tenants(5);
        var initial = generator.Events(tenants, 80);
        await store.InsertAsync(initial);

        var ingestGenerator = new AuditEventGenerator(6160);
        using var stop = new CancellationTokenSource();
        var inserted = 0;
        var ingest = Task.Run(async () =>
        {
            var sequence = 0;
            while (!stop.IsCancellationRequested)
            {
                // Same tenants, timestamps across the whole range: some land behind the cursor, some ahead of it.
                var batch = Enumerable.Range(0, 5).Select(_ => ingestGenerator.Event(tenants[sequence % tenants.Count], AuditEventGenerator.Epoch, sequence++, $"Ingest_{sequence}")).ToList();
                await store.InsertAsync(batch);
                Interlocked.Add(ref inserted, batch.Count);
                await Task.Yield();
            }
        });

        var skipTokens = new SkipTokenProtector(new byte[32]);
        var parser = new AuditQueryParser(store.Database.Dialect, skipTokens);
        var service = new AuditQueryService(store.Database);
        var rows = new List<AuditRow>();
        var options = QueryDriver.Options(top: 17, orderBy: orderBy);
        var query = parser.Parse(AuditCollection.DirectoryAudits, options, null);
        while (true)
        {
            var page = await service.ReadPageAsync(query, TenantScope.AllTenants, CancellationToken.None);
            rows.AddRange(page.Rows);
            if (page.Next is not { } next)
            {
                break;
            }

            // Let ingestion make progress between every page.
            var before = Volatile.Read(ref inserted);
            while (Volatile.Read(ref inserted) == before && !ingest.IsCompleted)
            {
                await Task.Delay(1);
            }

            query = parser.Parse(AuditCollection.DirectoryAudits, [.. options, new("$skiptoken", skipTokens.Protect(next, query.Fingerprint))], null);
        }

        await stop.CancelAsync();
        await ingest;

        Assert.True(inserted > 50, $"only {inserted} events were ingested during paging");
        var keys = rows.Select(r => (r.TenantId, r.Id)).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.Empty(initial.Select(e => (e.TenantId, e.Id)).Except(keys));
        var times = rows.Select(r => r.SortTime).ToList();
        Assert.Equal(orderBy.EndsWith("asc", StringComparison.Ordinal) ? times.Order() : times.OrderDescending(), times);
    }
}

public sealed class PostgresPagingUnderIngestTests() : PagingUnderIngestTests("postgres");

public sealed class SqlitePagingUnderIngestTests() : PagingUnderIngestTests("sqlite");
