using TenantAuditGrid.Abstractions.Sync;
using TenantAuditGrid.Abstractions.Tenants;
using TenantAuditGrid.Grains.Tests.Support;
using TenantAuditGrid.GraphEmulator;

namespace TenantAuditGrid.Grains.Tests.Sync;

/// <summary>A permission taken away mid-run: the sync stops calling Graph, tells the tenant grain why, and resumes when started again.</summary>
public sealed class SyncHealthTests
{
    [Fact]
    public async Task A_403_pauses_the_sync_reports_the_missing_permission_and_a_new_start_resumes_it()
    {
        await using var world = await GrainWorld.StartAsync(
            StoreKind.Sqlite,
            new EmulatorOptions { TenantCount = 1, Seed = 3, TimeScale = 60, Activity = new ActivityOptions { MeanEventsPerDay = 50 } },
            new Dictionary<string, string?> { ["TenantAuditGrid:Sync:SweepInterval"] = "00:05:00" });
        var tenant = world.Emulator.Control.Tenants().Single();
        var tenantId = tenant.Id.ToString();
        var sinkKey = $"sink-{Guid.NewGuid():N}";
        var sync = world.Grains.SourceSync(tenantId, AuditSource.DirectoryAudits);
        await sync.StartAsync(GrainWorld.StartFor(tenant, world.HealthSink(sinkKey)));
        await Convergence.WaitAsync(world, TimeSpan.FromSeconds(60));

        world.Emulator.Control.RevokeRole(tenant.Id, world.Emulator.SharedApp.ClientId, GraphRoles.AuditLogReadAll);
        var paused = await WaitForAsync(sync, s => s.State == SyncRunState.Paused);

        Assert.Equal(TenantHealthState.PermissionMissing, paused.PausedBy!.State);
        Assert.Contains("AuditLog.Read.All", paused.PausedBy.MissingPermissions);
        Assert.Equal("Authentication_MSGraphPermissionMissing", paused.LastError!.Code);
        var report = await WaitForReportAsync(tenantId);
        Assert.Equal(TenantHealthState.PermissionMissing, report.State);

        // Stop hammering: several poll intervals of emulated time later, not one more request has gone out.
        var requestsWhenPaused = paused.Counters.Requests;
        await WaitForEmulatedTimeAsync(world, TimeSpan.FromMinutes(5));
        Assert.Equal(requestsWhenPaused, (await sync.GetStatusAsync()).Counters.Requests);

        world.Emulator.Control.Grant(tenant.Id, world.Emulator.SharedApp.ClientId);
        var resumedAt = world.Emulator.Clock.GetUtcNow();
        await sync.StartAsync(GrainWorld.StartFor(tenant, world.HealthSink(sinkKey)));
        var resumed = await WaitForAsync(sync, s => s.State == SyncRunState.Live && s.LastPollAt > resumedAt);

        Assert.Null(resumed.PausedBy);
        Assert.True(resumed.Counters.Requests > requestsWhenPaused);
    }

    private static async Task<SourceSyncStatus> WaitForAsync(ISourceSyncGrain sync, Func<SourceSyncStatus, bool> condition)
    {
        for (var i = 0; i < 240; i++)
        {
            var status = await sync.GetStatusAsync();
            if (condition(status))
            {
                return status;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Condition not reached: {await sync.GetStatusAsync()}");
    }

    private static async Task<SourceHealth> WaitForReportAsync(string tenantId)
    {
        for (var i = 0; i < 100; i++)
        {
            if (RecordingHealthSink.Reports.LastOrDefault(r => r.TenantId == tenantId) is { Health: { } health })
            {
                return health;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("No health report arrived.");
    }

    private static async Task WaitForEmulatedTimeAsync(GrainWorld world, TimeSpan span)
    {
        var until = world.Emulator.Clock.GetUtcNow() + span;
        while (world.Emulator.Clock.GetUtcNow() < until)
        {
            await Task.Delay(100);
        }
    }
}
