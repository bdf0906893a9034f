using System.Diagnostics;
using TenantAuditGrid.Abstractions.Sync;

namespace TenantAuditGrid.Sync.Tests;

/// <summary>Waits (bounded) until every tenant's backfill is done and a sweep has run since; polls status, never sleeps on a guess.</summary>
public static class Convergence
{
    /// <summary>Waits for convergence, then stops every sync so the store holds still while it is compared.</summary>
    public static async Task<SourceSyncStatus[]> StopWhenConvergedAsync(SyncWorld world, TimeSpan limit)
    {
        await WaitAsync(world, limit);
        await Task.WhenAll(world.TenantIds.Select(id => world.Grains.SourceSync(id, Abstractions.Tenants.AuditSource.DirectoryAudits).StopAsync()));
        return await world.StatusesAsync();
    }

    public static async Task<SourceSyncStatus[]> WaitAsync(SyncWorld world, TimeSpan limit, Func<bool>? keepGoing = null)
    {
        var watch = Stopwatch.StartNew();
        DateTimeOffset? allLiveAt = null;
        SourceSyncStatus[] statuses = [];
        while (watch.Elapsed < limit)
        {
            statuses = await world.StatusesAsync();
            if (allLiveAt is null && statuses.All(s => s.State == SyncRunState.Live))
            {
                allLiveAt = world.Emulator.Clock.GetUtcNow();
            }

            if (allLiveAt is { } live && statuses.All(s => s.State == SyncRunState.Live && s.LastSweepAt > live))
            {
                return statuses;
            }

            await Task.Delay(250);
        }

        var stuck = statuses.Where(s => s.State != SyncRunState.Live || allLiveAt is null || !(s.LastSweepAt > allLiveAt))
            .Select(s => $"{s.TenantId}: {s.State} {s.BackfillProgressPercent}% last error {s.LastError}");
        throw new TimeoutException($"Sync did not converge within {limit}: {string.Join("; ", stuck)}");
    }
}
