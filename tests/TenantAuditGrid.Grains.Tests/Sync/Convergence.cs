using System.Diagnostics;
using TenantAuditGrid.Abstractions.Sync;
using TenantAuditGrid.Abstractions.Tenants;

using TenantAuditGrid.Grains.Tests.Support;

namespace TenantAuditGrid.Grains.Tests.Sync;

/// <summary>Waits (bounded) until every tenant's backfill is done and a sweep has run since; polls status, never sleeps on a guess.</summary>
public static class Convergence
{
    /// <summary>Waits for convergence, then stops every sync so the store holds still while it is compared.</summary>
    public static async Task<SourceSyncStatus[]> StopWhenConvergedAsync(GrainWorld world, TimeSpan limit)
    {
        await WaitAsync(world, limit);
        await Task.WhenAll(world.TenantIds.Select(id => world.Grains.SourceSync(id, AuditSource.DirectoryAudits).StopAsync()));
        return await world.StatusesAsync();
    }

    public static async Task<SourceSyncStatus[]> WaitAsync(GrainWorld world, TimeSpan limit, Func<bool>? keepGoing = null)
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

    /// <summary>
    /// Bounded wait until some tenant's sync reports that it read a page run again from the first page after a refused skiptoken: the
    /// proof that the restart path ran. The counter is read from the running grains, so a restart lost to a later deactivation still
    /// counts. Tests refuse every skiptoken until this returns, then lower the rate: a fixed low rate left the path unexercised in some runs.
    /// </summary>
    public static async Task<long> WaitForASliceRestartAsync(GrainWorld world, AuditSource source, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        SourceSyncStatus[] statuses = [];
        while (watch.Elapsed < limit)
        {
            statuses = await world.StatusesAsync(source);
            var restarts = statuses.Sum(s => s.Counters.SliceRestarts);
            if (restarts > 0)
            {
                return restarts;
            }

            await Task.Delay(100);
        }

        var seen = statuses.Select(s => $"{s.TenantId}: {s.State}, {s.Counters.Requests} requests, last error {s.LastError}");
        throw new TimeoutException($"no {source} page run was restarted within {limit} although every skiptoken was refused: {string.Join("; ", seen)}");
    }
}
