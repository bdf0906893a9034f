using System.Diagnostics;
using TenantAuditGrid.Abstractions.Sync;
using TenantAuditGrid.Abstractions.Tenants;
using TenantAuditGrid.Grains.Tests.Support;
using TenantAuditGrid.GraphEmulator;
using Xunit.Abstractions;

namespace TenantAuditGrid.Grains.Tests.Sync;

/// <summary>
/// Graph's budget is counted in requests, so history must cost one request per full page, however the backfill slices it. The emulator's
/// clock is all but stopped, so no poll ever becomes due and every request counted is a backfill request.
/// </summary>
public sealed class BackfillRequestCostTests(ITestOutputHelper output)
{
    private const int PageSize = 100;

    [Fact]
    public async Task Backfill_reads_each_tenants_history_in_full_pages_and_misses_nothing()
    {
        var emulator = new EmulatorOptions
        {
            TenantCount = 3,
            Seed = 41,
            TimeScale = 1e-6,
            Activity = new ActivityOptions { MeanEventsPerDay = 150 },
            Throttling = new ThrottlingOptions { Enabled = false },
        };
        var settings = new Dictionary<string, string?>
        {
            ["TenantAuditGrid:Sync:PageSize"] = PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // The budget's windows run on the same stopped clock, so its limits must not be what ends the run.
            ["TenantAuditGrid:GraphBudget:TenantRequestsPerWindow"] = "100000",
            ["TenantAuditGrid:GraphBudget:AppRequestsPerWindow"] = "100000",
        };
        await using var world = await GrainWorld.StartAsync(StoreKind.Postgres, emulator, settings);
        await world.StartAllAsync();

        var statuses = await BackfilledAsync(world, TimeSpan.FromSeconds(90));

        foreach (var status in statuses)
        {
            var truth = world.Emulator.Control.VisibleAuditEvents(Guid.Parse(status.TenantId)).Ids;
            var stored = (await world.Stored.DirectoryAuditIdsAsync(status.TenantId, Store.AuditSources.Graph)).ToHashSet(StringComparer.Ordinal);
            var fullPages = (truth.Count + PageSize - 1) / PageSize;
            output.WriteLine($"{status.TenantId}: {truth.Count} events, {status.Counters.Requests} requests, {fullPages} pages needed");

            var missing = truth.Count(id => !stored.Contains(id));
            Assert.Equal(0, missing);
            Assert.InRange(status.Counters.Requests, fullPages, fullPages + 1);
        }
    }

    private static async Task<SourceSyncStatus[]> BackfilledAsync(GrainWorld world, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        SourceSyncStatus[] statuses = [];
        while (watch.Elapsed < limit)
        {
            statuses = await world.StatusesAsync(AuditSource.DirectoryAudits);
            if (statuses.All(s => s.BackfillProgressPercent >= 100))
            {
                return statuses;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Backfill did not finish within {limit}: {string.Join("; ", statuses.Select(s => $"{s.TenantId} {s.BackfillProgressPercent}%"))}");
    }
}
