using TenantAuditGrid.Abstractions.Sync;
using TenantAuditGrid.Abstractions.Tenants;
using TenantAuditGrid.Grains.Tests.Support;
using TenantAuditGrid.Store;

namespace TenantAuditGrid.Grains.Tests.Sync;

/// <summary>The comparison the sync engine is judged by: the store against the emulator's own record of what exists.</summary>
public sealed record GroundTruthComparison(int Tenants, long Expected, long Stored, long Missing, long Duplicates, long Unknown)
{
    public static async Task<GroundTruthComparison> CompareAsync(GrainWorld world)
    {
        long expected = 0, stored = 0, missing = 0, duplicates = 0, unknown = 0;
        var now = world.Emulator.Clock.GetUtcNow();
        foreach (var tenant in world.Emulator.Control.Tenants())
        {
            var id = tenant.Id.ToString();
            var status = await world.Grains.SourceSync(id, AuditSource.DirectoryAudits).GetStatusAsync();

            // Every event that was visible at the last sweep must be stored: that is the instant the engine vouches for.
            var truth = world.Emulator.Control.VisibleAuditEvents(tenant.Id, status.LastSweepAt ?? throw new InvalidOperationException($"{id} never swept")).Ids;
            var count = await world.Stored.CountDirectoryAuditsAsync(id);
            var ids = await world.Stored.DirectoryAuditIdsAsync(id, AuditSources.Graph);
            var distinct = ids.ToHashSet(StringComparer.Ordinal);

            // Nothing may be stored that Graph never showed: every stored id must be an event that exists and had become visible.
            var existing = world.Emulator.Control.AuditEventsHappenedBetween(tenant.Id, now.AddDays(-31), now)
                .Where(e => e.VisibleAt <= now).Select(e => e.Id).ToHashSet(StringComparer.Ordinal);

            expected += truth.Count;
            stored += ids.Count;
            missing += truth.Count(t => !distinct.Contains(t));
            duplicates += (ids.Count - distinct.Count) + Math.Abs(count - ids.Count);
            unknown += distinct.Count(s => !existing.Contains(s));
        }

        return new GroundTruthComparison(world.TenantIds.Count, expected, stored, missing, duplicates, unknown);
    }
}
