using System.Diagnostics;
using System.Globalization;
using TenantAuditGrid.Abstractions.Sync;
using TenantAuditGrid.GraphEmulator;
using Xunit.Abstractions;

namespace TenantAuditGrid.Sync.Tests;

/// <summary>
/// Backfill throughput as a share of the throttle-imposed ceiling (app budget × page size) and the 429 rate, with Graph's real limits
/// (122 per 10 s per app, 5 per 10 s per tenant) in the emulator and in the budget. The emulator's clock runs at real speed here, so the
/// machine's CPU is not what limits the result.
/// </summary>
public sealed class BackfillThroughputBenchmark(ITestOutputHelper output)
{
    [BenchmarkFact]
    public async Task Backfill_throughput_against_the_throttle_ceiling()
    {
        var tenants = int.Parse(Environment.GetEnvironmentVariable("TAG_SYNC_BENCH_TENANTS") ?? "30", CultureInfo.InvariantCulture);
        var options = new EmulatorOptions
        {
            TenantCount = tenants,
            Seed = 101,
            TimeScale = 1,
            Activity = new ActivityOptions { MeanEventsPerDay = 1500, VolumeSkew = 0, FreeLicenceShare = 1 },
        };
        await using var world = await SyncWorld.StartAsync(StoreKind.Postgres, options, new Dictionary<string, string?>
        {
            ["TenantAuditGrid:Sync:TickInterval"] = "00:00:00.050",
            ["TenantAuditGrid:Sync:MaxTickWork"] = "00:00:30",
        });

        var started = world.Emulator.Clock.GetUtcNow();
        var watch = Stopwatch.StartNew();
        await world.StartAllAsync();
        SourceSyncStatus[] statuses;
        do
        {
            await Task.Delay(500);
            statuses = await world.StatusesAsync();
        }
        while (statuses.Any(s => s.State != SyncRunState.Live) && watch.Elapsed < TimeSpan.FromMinutes(10));

        var seconds = (world.Emulator.Clock.GetUtcNow() - started).TotalSeconds;
        var events = statuses.Sum(s => s.Counters.EventsStored);
        var requests = statuses.Sum(s => s.Counters.Requests);
        var throttled = statuses.Sum(s => s.Counters.Throttled);
        var budgetPerSecond = Math.Min(122, 5 * tenants) / 10.0;
        var ceiling = budgetPerSecond * 999;
        output.WriteLine($"tenants {tenants}, events {events}, backfill took {seconds:0.0} s (emulated = real)");
        output.WriteLine($"throughput {events / seconds:0} events/s; ceiling {ceiling:0} events/s; ratio {events / seconds / ceiling:P1}");
        output.WriteLine($"requests {requests} = {requests / seconds:0.00}/s of a {budgetPerSecond:0.0}/s budget ({requests / seconds / budgetPerSecond:P1}); " +
                         $"events per request {(double)events / requests:0}; 429s {throttled} ({(double)throttled / requests:P2})");
        Assert.All(statuses, s => Assert.Equal(SyncRunState.Live, s.State));
    }
}
