using TenantAuditGrid.Abstractions.Sync;
using TenantAuditGrid.Abstractions.Tenants;
using TenantAuditGrid.Grains.Tests.Support;
using TenantAuditGrid.GraphEmulator;
using Xunit.Abstractions;

namespace TenantAuditGrid.Grains.Tests.Sync;

/// <summary>
/// End to end for securityActions: emulated tenants hold actions, some finished and some not started or running that finish later on
/// the emulator's sped-up clock. With 5xx, 429s and refused skiptokens injected, the sync lists them page by page and re-polls each
/// unfinished one until it ends; the store must then hold exactly the emulator's actions, each with its final status. The SQLite run
/// (the embedded mode's grain state and store) also deactivates sync grains at random moments.
/// </summary>
public sealed class SecurityActionsSyncTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    private static readonly Dictionary<string, string?> Settings = new()
    {
        // Small pages, so every list read follows nextLinks and meets refused skiptokens.
        ["TenantAuditGrid:Sync:PageSize"] = "4",
        // No second list read within the test: final statuses can only come from re-polling each unfinished action.
        ["TenantAuditGrid:Sync:SecurityActionsListInterval"] = "06:00:00",
        ["TenantAuditGrid:Sync:SecurityActionRepollInterval"] = "00:00:20",
        ["TenantAuditGrid:Sync:RetryBaseDelay"] = "00:00:01",
    };

    [Fact]
    public Task PostgreSQL_store_holds_every_action_with_its_final_status_with_faults_on() =>
        AssertStoreEqualsGroundTruthAsync(StoreKind.Postgres, tenants: 6, restarts: 0);

    [Fact]
    public Task SQLite_store_holds_every_action_with_its_final_status_when_sync_grains_restart_at_random_moments() =>
        AssertStoreEqualsGroundTruthAsync(StoreKind.Sqlite, tenants: 3, restarts: 12);

    private async Task AssertStoreEqualsGroundTruthAsync(StoreKind store, int tenants, int restarts)
    {
        var options = new EmulatorOptions
        {
            TenantCount = tenants,
            Seed = 41,
            // Slower than the directoryAudits runs: actions finish 1–5 emulated minutes after creation, which must stay longer (6–30 s)
            // than starting the cluster and reading the first list takes on a loaded machine, or nothing is left to re-poll.
            TimeScale = 10,
            Activity = new ActivityOptions { MeanEventsPerDay = 10 },
            // Every skiptoken is refused until the sync is seen restarting a list; from then on one in ten. A fixed rate alone left the
            // restart path unexercised in some runs (a few dozen nextLinks, each refused at 10 %).
            Faults = new FaultOptions { ServerErrorRate = 0.15, ThrottledRate = 0.15, InvalidSkipTokenRate = 1 },
        };
        await using var world = await GrainWorld.StartAsync(store, options, Settings);
        var seeded = SeedActions(world, new Random(3));
        var unfinishedAtStart = world.TenantIds.Sum(id => world.Emulator.Control.SecurityActions(Guid.Parse(id)).Count(a => !IsFinished(a.Status)));
        await world.StartAllAsync(source: AuditSource.SecurityActions);
        var listRestartsSeen = await Convergence.WaitForASliceRestartAsync(world, AuditSource.SecurityActions, Limit);
        world.Emulator.Control.Faults = options.Faults with { InvalidSkipTokenRate = 0.1 };

        // Actions still running are re-polled from the first successful list on, which may be while grains are being restarted.
        var (restarted, pendingWhileRestarting) = await RestartAtRandomAsync(world, restarts, new Random(7));
        var (statuses, pendingAfter) = await WaitUntilNothingPendingAsync(world);
        var mostPending = Math.Max(pendingWhileRestarting, pendingAfter);
        await Task.WhenAll(world.TenantIds.Select(id => world.Grains.SourceSync(id, AuditSource.SecurityActions).StopAsync()));
        var comparison = await SecurityActionsComparison.CompareAsync(world);

        output.WriteLine($"{comparison}; seeded {seeded}, unfinished at start {unfinishedAtStart}, most pending re-polls {mostPending}, restarts {restarted}");
        output.WriteLine($"requests {statuses.Sum(s => s.Counters.Requests)}, 429 {statuses.Sum(s => s.Counters.Throttled)}, " +
                         $"5xx {statuses.Sum(s => s.Counters.ServerErrors)}, list restarts {statuses.Sum(s => s.Counters.SliceRestarts)} (seen {listRestartsSeen} while every skiptoken was refused)");
        Assert.True(unfinishedAtStart > 0 && mostPending > 0, "no action was unfinished when listed; the re-poll path was not exercised");
        Assert.True(statuses.Sum(s => s.Counters.Throttled) > 0, "Graph never throttled; the 429 path was not exercised");
        Assert.True(statuses.Sum(s => s.Counters.ServerErrors) > 0, "no 5xx was injected; the faults were not on");
        Assert.Equal(seeded, comparison.Expected);
        Assert.Equal(0, comparison.Unfinished);
        Assert.Equal(0, comparison.Missing);
        Assert.Equal(0, comparison.Duplicates);
        Assert.Equal(0, comparison.Unknown);
        Assert.Equal(0, comparison.WrongStatus);
    }

    /// <summary>
    /// Deactivates random tenants' securityActions sync grains mid-work, abandoning in-flight requests as a crash would; returns the most
    /// actions seen waiting for a re-poll in between.
    /// </summary>
    private static async Task<(int Restarts, int MostPending)> RestartAtRandomAsync(GrainWorld world, int restarts, Random random)
    {
        var mostPending = 0;
        for (var i = 0; i < restarts; i++)
        {
            var tenant = world.TenantIds[random.Next(world.TenantIds.Count)];
            await world.Grains.SourceSync(tenant, AuditSource.SecurityActions).RestartAsync();
            await Task.Delay(random.Next(100, 600));
            mostPending = Math.Max(mostPending, (await world.StatusesAsync(AuditSource.SecurityActions)).Sum(s => s.PendingActions));
        }

        return (restarts, mostPending);
    }

    /// <summary>
    /// Each tenant gets actions of every age: long finished, finishing within minutes (running) and just submitted (not started). A
    /// page holds 4, so each tenant's list spans several pages.
    /// </summary>
    private static int SeedActions(GrainWorld world, Random random)
    {
        var count = 0;
        foreach (var tenant in world.Emulator.Control.Tenants())
        {
            for (var i = 0; i < 10 + random.Next(6); i++, count++)
            {
                var age = (i % 3) switch
                {
                    0 => TimeSpan.FromHours(1 + random.Next(48)),
                    1 => TimeSpan.FromSeconds(15 + random.Next(40)),
                    _ => TimeSpan.FromSeconds(random.Next(8)),
                };
                world.Emulator.Control.SubmitSecurityAction(tenant.Id, new SecurityActionSpec { Name = $"BlockIp{i}", Age = age });
            }
        }

        return count;
    }

    /// <summary>Bounded wait until every tenant's sync has listed its actions and has none left to re-poll; polls status, never sleeps on a guess.</summary>
    private static async Task<(SourceSyncStatus[] Statuses, int MostPending)> WaitUntilNothingPendingAsync(GrainWorld world)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var mostPending = 0;
        SourceSyncStatus[] statuses = [];
        while (watch.Elapsed < Limit)
        {
            statuses = await world.StatusesAsync(AuditSource.SecurityActions);
            mostPending = Math.Max(mostPending, statuses.Sum(s => s.PendingActions));
            if (statuses.All(s => s.LastPollAt is not null && s.PendingActions == 0))
            {
                return (statuses, mostPending);
            }

            await Task.Delay(100);
        }

        var stuck = statuses.Where(s => s.LastPollAt is null || s.PendingActions > 0)
            .Select(s => $"{s.TenantId}: {s.State}, {s.PendingActions} pending, last error {s.LastError}");
        throw new TimeoutException($"securityActions sync did not settle within {Limit}: {string.Join("; ", stuck)}");
    }

    private static bool IsFinished(string status) => status is "completed" or "failed";
}
